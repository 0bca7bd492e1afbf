using Hackle.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Hackle.Analyzers.Tests;

/// <summary>The suppressor silences CA2000/IDISP001 only where the client is handed to AddHackle.</summary>
public class OwnershipTransferSuppressorTests
{
    /// <summary>
    /// Against the real analyzers: IDisposableAnalyzers 4.0.8 reports IDISP001 on the whole declaration
    /// (<c>var owned = ...</c>), CA2000 on the creation.
    /// </summary>
    [Fact]
    public Task Clients_handed_to_AddHackle_are_suppressed_and_others_are_not() => RunAsync("""
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                {|#0:var owned = {|#1:HackleClient.Create("sdk-key")|}|};
                services.AddHackle(owned);

                {|#2:var leaked = {|#3:HackleClient.Create("other-key")|}|};
                leaked.Track("started", new HackleUser("u"));

                var registered = {|#4:HackleClient.Create("third-key")|};
                services.AddSingleton<IHackleClient>(registered);
            }
        }
        """,
        Expected("IDISP001", 0, suppressed: true), Expected("CA2000", 1, suppressed: true),
        Expected("IDISP001", 2, suppressed: false), Expected("CA2000", 3, suppressed: false),
        Expected("CA2000", 4, suppressed: false));

    [Fact]
    public Task Nothing_is_suppressed_without_the_runtime() => RunAsync("""
        public sealed class Resource : System.IDisposable { public void Dispose() { } }

        public static class Startup
        {
            public static void AddHackle(Resource resource) { }

            public static void Configure()
            {
                {|#0:var resource = {|#1:new Resource()|}|};
                AddHackle(resource);
            }
        }
        """, TestOptions.Default with { Runtime = false, Web = false },
        Expected("IDISP001", 0, suppressed: false), Expected("CA2000", 1, suppressed: false));

    private static DiagnosticResult Expected(string id, int location, bool suppressed) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(location).WithIsSuppressed(suppressed);

    private static Task RunAsync(string source, params DiagnosticResult[] expected) => RunAsync(source, TestOptions.Default, expected);

    private static async Task RunAsync(string source, TestOptions options, params DiagnosticResult[] expected)
    {
        var test = new SuppressorTest { TestCode = source };
        await TestEnvironment.ConfigureAsync(test, options);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private sealed class SuppressorTest : CSharpAnalyzerTest<OwnershipTransferSuppressor, DefaultVerifier>
    {
        public SuppressorTest() => TestState.AnalyzerConfigFiles.Add(("/.thirdparty.globalconfig", ThirdPartyAnalyzers.OnlyCa2000AndIdisp001));

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            base.GetDiagnosticAnalyzers().Concat(ThirdPartyAnalyzers.Idisp001).Concat(ThirdPartyAnalyzers.Ca2000);
    }
}
