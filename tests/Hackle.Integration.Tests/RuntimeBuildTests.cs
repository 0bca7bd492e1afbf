using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// This suite runs twice: in Hackle.Integration.Tests against the net8.0 builds of the runtime and the
/// hosting package, and in Hackle.Integration.NetStandard.Tests against their netstandard2.0 builds. A
/// reference that quietly picked the other build would test one of them twice and the other never, so
/// each run checks which ones it got.
/// </summary>
public class RuntimeBuildTests
{
#if HACKLE_RUNTIME_NETSTANDARD
    private const string ExpectedFramework = ".NETStandard,Version=v2.0";
#else
    private const string ExpectedFramework = ".NETCoreApp,Version=v8.0";
#endif

    [Fact]
    public void Runs_against_the_intended_builds_of_the_runtime_and_the_hosting_package()
    {
        Assert.Equal(ExpectedFramework, FrameworkOf(typeof(HackleClient).Assembly));
        Assert.Equal(ExpectedFramework, FrameworkOf(typeof(HackleServiceCollectionExtensions).Assembly));
    }

    private static string? FrameworkOf(Assembly assembly) => assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
}
