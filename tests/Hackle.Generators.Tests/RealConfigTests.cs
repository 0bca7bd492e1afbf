using System;
using System.Linq;
using System.Text.Json;
using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>
/// The workspace configs Hackle's own SDK test suites use (Manifests/real, see SOURCES.md there) build with no
/// warning under TreatWarningsAsErrors and with no user code, and every experiment and flag the SDK decides
/// gets an accessor, single-variation experiments included.
/// </summary>
public class RealConfigTests
{
    public static TheoryData<string> ValidConfigs() =>
        new() { "ws_config_go", "ws_config_java", "ws_container", "ws_segment_match", "ws_target_experiment" };

    private static string Read(string name) => File.ReadAllText(Path.Combine(RepoPaths.TestProject, "Manifests", "real", name + ".json"));

    /// <summary>Runs the generator as a build with TreatWarningsAsErrors would: every warning is an error.</summary>
    private static (Compilation Output, IReadOnlyList<Diagnostic> GeneratorDiagnostics) BuildWithWarningsAsErrors(string manifest,
        params string[] sources)
    {
        var compilation = GeneratorHarness.Compilation(sources.Length == 0 ? new[] { "namespace Consumer { internal static class Placeholder { } }" } : sources);
        compilation = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        var driver = GeneratorHarness.Driver(new[] { new TestAdditionalText("/repo/hackle.flags.json", manifest) });
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult();
        Assert.Null(result.Results.Single().Exception);
        return (output, result.Diagnostics);
    }

    private static long[] KeysOf(string manifest, string list)
    {
        using var document = JsonDocument.Parse(manifest);
        return document.RootElement.TryGetProperty(list, out var items)
            ? items.EnumerateArray().Select(i => i.GetProperty("key").GetInt64()).OrderBy(k => k).ToArray()
            : Array.Empty<long>();
    }

    private static long[] GeneratedKeys(Compilation output, string className) =>
        output.GetTypeByMetadataName("HackleFlags." + className)?.GetTypeMembers()
            .Select(t => (long)t.GetMembers("Key").OfType<IFieldSymbol>().Single().ConstantValue!)
            .OrderBy(k => k).ToArray() ?? Array.Empty<long>();

    [Theory]
    [MemberData(nameof(ValidConfigs))]
    public void ValidRealConfigBuildsWithNoWarningUnderWarningsAsErrors(string name)
    {
        var manifest = Read(name);
        var (output, generatorDiagnostics) = BuildWithWarningsAsErrors(manifest);

        Assert.Empty(generatorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
        Assert.Equal(KeysOf(manifest, "experiments"), GeneratedKeys(output, "Experiments"));
        Assert.Equal(KeysOf(manifest, "featureFlags"), GeneratedKeys(output, "Features"));
    }

    [Fact]
    public void SingleVariationExperimentGetsAnAccessorWithOneMember()
    {
        var (output, _) = BuildWithWarningsAsErrors(Read("ws_container"));
        var experiment = output.GetTypeByMetadataName("HackleFlags.Experiments+Experiment2");
        Assert.NotNull(experiment);
        var variant = experiment!.GetTypeMembers("Variant").Single();
        Assert.Equal(new[] { "A" }, variant.GetMembers().OfType<IFieldSymbol>().Select(f => f.Name));
        // The accessors are the runtime's, inherited; the attribute gives them the key and the one variation.
        Assert.Equal("Hackle.Accessors.ExperimentAccessor<HackleFlags.Experiments.Experiment2.Variant>", experiment.BaseType!.ToDisplayString());
        var attribute = variant.GetAttributes().Single();
        Assert.Equal("Hackle.Accessors.HackleExperimentAttribute", attribute.AttributeClass!.ToDisplayString());
        Assert.Equal(new object?[] { 2L, "A" }, attribute.ConstructorArguments.Select(a => a.Value));
    }

    [Fact]
    public void InvalidRealConfigWarnsOnlyForTheItemsTheSdkIgnores()
    {
        var (_, diagnostics) = BuildWithWarningsAsErrors(Read("ws_invalid_config"));
        var warnings = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.All(warnings, w => Assert.Equal("HKF014", w.Id));
        Assert.Collection(warnings.Select(w => w.GetMessage()).OrderBy(m => m, StringComparer.Ordinal),
            m => Assert.StartsWith("Experiment key 22 is skipped: 'execution.status' is 'INVALID_STATUS'", m),
            m => Assert.StartsWith("Experiment key 33 is skipped: 'execution.defaultRule.type' is 'INVALID_TYPE'", m));
    }

    [Fact]
    public void ExperimentWithoutVariationsStillWarns()
    {
        const string manifest = """
            { "experiments": [ { "key": 7, "name": "Empty", "variations": [], "execution": { "status": "RUNNING", "defaultRule": { "type": "BUCKET", "bucketId": 1 } } } ] }
            """;
        var (output, diagnostics) = BuildWithWarningsAsErrors(manifest);
        var warning = Assert.Single(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("HKF005", warning.Id);
        Assert.Equal("Experiment 'Empty' (key 7) has no variations; no accessor is generated", warning.GetMessage());
        Assert.Empty(GeneratedKeys(output, "Experiments"));
    }

    [Fact]
    public void UnnamedItemsAreCountedInOneInfoDiagnostic()
    {
        var (_, diagnostics) = BuildWithWarningsAsErrors(Read("ws_config_java"));
        var fallback = Assert.Single(diagnostics, d => d.Id == "HKF016");
        Assert.Equal(DiagnosticSeverity.Info, fallback.Severity);
        Assert.Equal(
            "11 experiments and feature flags in 'hackle.flags.json' have no name and have been named from the key " +
            "(Experiment5, Experiment6, Experiment7, ...); to keep such a name when the item gets a name in Hackle, pin it, " +
            "e.g. [assembly: Hackle.HackleFlagName(Hackle.HackleFlagKind.Experiment, 5, \"Experiment5\")]",
            fallback.GetMessage());
        Assert.Equal(0, fallback.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void PinnedAndNamedItemsAreNotCountedAsFallbacks()
    {
        // The Go export names experiment 6; pinning 5 leaves 9 of its 11 experiments and flags on fallback names.
        const string pin = "[assembly: Hackle.HackleFlagName(Hackle.HackleFlagKind.Experiment, 5, \"Experiment5\")]";
        var (_, diagnostics) = BuildWithWarningsAsErrors(Read("ws_config_go"), pin);
        var fallback = Assert.Single(diagnostics, d => d.Id == "HKF016");
        Assert.StartsWith("9 experiments and feature flags in 'hackle.flags.json' have no name and have been named from the key (Experiment7, Experiment8, Experiment9, ...)",
            fallback.GetMessage());
    }

    [Fact]
    public void NamedManifestHasNoFallbackDiagnostic()
    {
        var (_, diagnostics) = BuildWithWarningsAsErrors(File.ReadAllText(RepoPaths.RepoManifest));
        Assert.DoesNotContain(diagnostics, d => d.Id == "HKF016");
    }
}
