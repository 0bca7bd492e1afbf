using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>
/// HackleFlags_AccessorAssembly (docs/generator.md): HackleTyped.targets compiles the accessors into
/// <c>&lt;AssemblyName&gt;.HackleFlags.dll</c> and sets <c>_HackleFlagsAccessorAssembly</c> for the project's own compilation,
/// where the generator then emits nothing and leaves the manifest's diagnostics to that assembly's compilation.
/// </summary>
public class AccessorAssemblyModeTests
{
    private static readonly Dictionary<string, string> s_referenced = GeneratorHarness.Properties(("_HackleFlagsAccessorAssembly", "Shop.HackleFlags"));

    [Fact]
    public void TheProjectsOwnCompilationGetsNoSourceAndNoManifestDiagnostics()
    {
        // A manifest with an error (HKF001) and, in the repo manifest, finished items (HKF009): none is reported twice.
        var broken = GeneratorHarness.Generate("{ \"experiments\": [ }", s_referenced);
        var valid = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), s_referenced);
        foreach (var run in new[] { broken, valid })
        {
            run.AssertNoGeneratorException();
            Assert.Empty(run.Sources);
            Assert.Empty(run.Diagnostics);
        }

        // The same manifests in the accessor assembly's compilation (the property unset): sources and diagnostics as always.
        Assert.Contains(GeneratorHarness.Generate("{ \"experiments\": [ }").Diagnostics, d => d.Id == "HKF001");
        Assert.Contains(GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest)).Sources, s => s.HintName == "Experiments.g.cs");
    }

    [Fact]
    public void PinsInTheProjectsOwnSourcesAreReportedBecauseTheAccessorAssemblyCannotSeeThem()
    {
        const string pins = """
            using Hackle;
            [assembly: HackleFlagName(HackleFlagKind.Experiment, 43, "Onboarding")]
            """;
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), s_referenced, sources: pins);
        run.AssertNoGeneratorException();
        Assert.Empty(run.Sources);
        var pin = Assert.Single(run.Diagnostics);
        Assert.Equal("HKF017", pin.Id);
        Assert.Equal(DiagnosticSeverity.Warning, pin.Severity);
        Assert.StartsWith("The name pin 'Onboarding' has no effect: the accessors are compiled into 'Shop.HackleFlags'", pin.GetMessage());
        Assert.Equal(2, pin.Location.GetLineSpan().StartLinePosition.Line + 1);
    }
}
