using System.Reflection;
using System.Runtime.Versioning;

namespace Hackle.Runtime.Tests;

/// <summary>
/// This suite runs twice: in Hackle.Runtime.Tests against the net8.0 build of the runtime, and in
/// Hackle.Runtime.NetStandard.Tests against the netstandard2.0 build. A reference that quietly picked the
/// other build would test one of them twice and the other never, so each run checks which one it got.
/// </summary>
public class RuntimeBuildTests
{
#if HACKLE_RUNTIME_NETSTANDARD
    private const string ExpectedFramework = ".NETStandard,Version=v2.0";
#else
    private const string ExpectedFramework = ".NETCoreApp,Version=v8.0";
#endif

    [Fact]
    public void Runs_against_the_intended_build_of_the_runtime()
    {
        var framework = typeof(HackleClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        Assert.Equal(ExpectedFramework, framework);
    }
}
