using System.Collections.Immutable;
using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>Every diagnostic id, with its exact position (1-based line, column) in the manifest.</summary>
public class DiagnosticsTests
{
    private const string ManifestPath = "/repo/hackle.flags.json";

    private static string[] Located(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return d.Location == Location.None
                ? d.Id
                : $"{d.Id} {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        })
        .OrderBy(s => s, StringComparer.Ordinal)
        .ToArray();

    private static ImmutableArray<Diagnostic> DiagnosticsOf(string edgeManifest)
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.EdgeManifest(edgeManifest)), manifestPath: ManifestPath);
        run.AssertNoGeneratorException();
        return run.Diagnostics;
    }

    [Fact]
    public void RepoManifestReportsOnlyRetiredItems()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), manifestPath: ManifestPath);
        Assert.Equal(new[]
        {
            "HKF009 hackle.flags.json(159,15)", // DarkMode PAUSED, at its name
            "HKF009 hackle.flags.json(55,15)",  // Onboarding Tour COMPLETED
            "HKF009 hackle.flags.json(91,31)",  // Search Ranking variation B DROPPED, at its key
        }, Located(run.Diagnostics));
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.Contains(run.Diagnostics, d => d.GetMessage() == "Experiment 'Onboarding Tour' (key 43) is COMPLETED; it is generated as [Obsolete]");
    }

    [Fact]
    public void MalformedJsonPointsAtTheOffendingCharacter()
    {
        var diagnostic = Assert.Single(DiagnosticsOf("malformed.json"));
        Assert.Equal("HKF001 hackle.flags.json(4,5)", Located(new[] { diagnostic }).Single());
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Flag manifest 'hackle.flags.json' could not be parsed: unexpected character '{'; ',' or ']' after an array item was expected (line 4, column 5)",
            diagnostic.GetMessage());
        Assert.Equal(ManifestPath, diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void DuplicatesAndSkippedItems()
    {
        var diagnostics = DiagnosticsOf("duplicates.json");
        Assert.Equal(new[]
        {
            "HKF003 hackle.flags.json(10,14)", // second experiment with key 42, at its key
            "HKF003 hackle.flags.json(12,7)",  // repeated "name" property, at the second name
            "HKF003 hackle.flags.json(43,14)", // repeated remote-config key
            "HKF004 hackle.flags.json(16,27)", // variation B declared twice
            "HKF014 hackle.flags.json(30,32)", // execution.status ARCHIVED
            "HKF014 hackle.flags.json(33,14)", // key "forty-five" is not an integer ("45" would be read as 45)
            "HKF015 hackle.flags.json(42,81)", // "fifty" for a NUMBER
            "HKF015 hackle.flags.json(43,81)", // 1e999 overflows a double
        }, Located(diagnostics));
        Assert.Contains(diagnostics, d => d.GetMessage() ==
            "Experiment 'Archived Somehow' (key 44) is skipped: 'execution.status' is 'ARCHIVED', not READY, RUNNING, PAUSED or STOPPED, so the SDK ignores it");
        Assert.Contains(diagnostics, d => d.GetMessage() ==
            "Duplicate experiment key '42' in the flag manifest; the last definition is used, as the Hackle SDK does");
    }

    [Fact]
    public void InvalidNamesSayHowToPinAName()
    {
        var diagnostics = DiagnosticsOf("identifiers.json");
        Assert.Equal(new[]
        {
            "HKF006 hackle.flags.json(11,15)", // "2024 Promo"
            "HKF006 hackle.flags.json(17,15)", // "Checkout (v2)!"
            "HKF006 hackle.flags.json(23,15)", // emoji only
            "HKF008 hackle.flags.json(36,15)", // "Key"
            "HKF008 hackle.flags.json(42,15)", // "to string" -> ToString
            "HKF008 hackle.flags.json(48,15)", // "Experiments"
            "HKF009 hackle.flags.json(62,15)", // completed flag
            "HKF016 hackle.flags.json(1,1)",   // the one unnamed item, counted once per manifest
        }, Located(diagnostics));
        // Derived names need no action, so they never break a TreatWarningsAsErrors build.
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.Contains(diagnostics, d => d.GetMessage() ==
            "Experiment name '2024 Promo' is not a valid C# identifier; it is generated as '_2024Promo'. " +
            "To choose the name, add [assembly: Hackle.HackleFlagName(Hackle.HackleFlagKind.Experiment, 2, \"NewName\")]");
    }

    [Fact]
    public void CollisionsNameBothKeys()
    {
        var diagnostics = DiagnosticsOf("collisions.json");
        Assert.Equal(new[]
        {
            "HKF007 hackle.flags.json(17,15)", // "New Checkout" (10) loses to NewCheckout (9)
            "HKF007 hackle.flags.json(31,14)", // checkout_banner loses to checkout-banner
            "HKF007 hackle.flags.json(5,15)",  // "new-checkout" (11)
        }, Located(diagnostics));
        // Competing names are the one naming problem left as a warning: either item could take the plain name later.
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains(diagnostics, d => d.GetMessage() ==
            "Experiments 'NewCheckout' (key 9) and 'new-checkout' (key 11) both map to 'NewCheckout'; 'new-checkout' (key 11) is generated as 'NewCheckout_11'. " +
            "To choose the name, add [assembly: Hackle.HackleFlagName(Hackle.HackleFlagKind.Experiment, 11, \"NewName\")]");
    }

    [Fact]
    public void KoreanNamesAreValidIdentifiersWithoutWarnings() => Assert.Empty(DiagnosticsOf("korean.json"));

    [Theory]
    [InlineData("[1, 2]", "the root is not a JSON object", 1, 1)]
    [InlineData("{\n  \"buckets\": []\n}", "it has none of 'experiments', 'featureFlags' or 'remoteConfigParameters'; export the workspace config from Hackle", 1, 1)]
    [InlineData("{\n  \"experiments\": {}\n}", "'experiments' is not an array", 2, 18)]
    public void UnsupportedFormat(string manifest, string reason, int line, int column)
    {
        var run = GeneratorHarness.Generate(manifest, manifestPath: ManifestPath);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal($"HKF002 hackle.flags.json({line},{column})", Located(new[] { diagnostic }).Single());
        Assert.Equal("Flag manifest 'hackle.flags.json' has an unsupported format: " + reason, diagnostic.GetMessage());
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void MultipleManifestsUseTheFirstByPath()
    {
        var compilation = GeneratorHarness.Compilation(new[] { "class C { }" });
        var driver = GeneratorHarness.Driver(new[]
        {
            new TestAdditionalText("/b/hackle.flags.json", "{\"experiments\": []}"),
            new TestAdditionalText("/a/hackle.flags.json", File.ReadAllText(RepoPaths.RepoManifest)),
        }).RunGenerators(compilation);
        var result = driver.GetRunResult();
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "HKF010");
        Assert.Equal("/b/hackle.flags.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("Multiple flag manifests found (/a/hackle.flags.json, /b/hackle.flags.json); using '/a/hackle.flags.json'", diagnostic.GetMessage());
        Assert.Contains(result.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("class Checkout"));
    }

    [Fact]
    public void NoManifestIsReportedWithoutLocation()
    {
        var driver = GeneratorHarness.Driver(Array.Empty<AdditionalText>()).RunGenerators(GeneratorHarness.Compilation(new[] { "class C { }" }));
        var result = driver.GetRunResult();
        Assert.Equal(new[] { "HKF013" }, Located(result.Diagnostics));
        Assert.Empty(result.Results.Single().GeneratedSources);
    }

    [Fact]
    public void OtherFileNamesCountOnlyWithMetadata()
    {
        const string path = "/repo/config/flags.prod.json";
        var manifest = new TestAdditionalText(path, File.ReadAllText(RepoPaths.RepoManifest));
        var unmarked = GeneratorHarness.Driver(new[] { manifest }).RunGenerators(GeneratorHarness.Compilation(new[] { "class C { }" }));
        Assert.Equal(new[] { "HKF013" }, Located(unmarked.GetRunResult().Diagnostics));

        var options = new TestOptionsProvider(new Dictionary<string, string>(),
            new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [path] = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.HackleFlagsManifest"] = "true" },
            });
        var marked = GeneratorHarness.Driver(new[] { manifest }, optionsProvider: options).RunGenerators(GeneratorHarness.Compilation(new[] { "class C { }" }));
        Assert.Equal(4, marked.GetRunResult().Results.Single().GeneratedSources.Length);
    }

    [Fact]
    public void UnreadableManifestIsReportedAtItsStart()
    {
        var driver = GeneratorHarness.Driver(new AdditionalText[] { new UnreadableText(ManifestPath) })
            .RunGenerators(GeneratorHarness.Compilation(new[] { "class C { }" }));
        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics);
        Assert.Equal("HKF001 hackle.flags.json(1,1)", Located(new[] { diagnostic }).Single());
        Assert.Contains("the file could not be read", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("HackleFlags_Namespace", "My App", "expected a namespace such as 'MyApp.Flags'")]
    [InlineData("HackleFlags_Namespace", "My.class", "expected a namespace such as 'MyApp.Flags'")]
    [InlineData("HackleFlags_Accessibility", "private", "expected 'public' or 'internal'")]
    [InlineData("HackleFlags_ExperimentsClass", "2Tests", "expected a C# identifier")]
    [InlineData("HackleFlags_FeaturesClass", "Experiments", "the experiments, features, remote-config and flag-keys classes need distinct names; the defaults are used")]
    [InlineData("HackleFlags_EmitArchived", "delete", "expected 'obsolete' or 'omit'")]
    [InlineData("HackleFlags_VariantNames", "label", "expected 'key' or 'name'")]
    [InlineData("HackleFlags_FinishedItems", "warning", "expected 'obsolete' or 'diagnostic'")]
    public void InvalidOptionsAreErrorsAndFallBackToDefaults(string property, string value, string expected)
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), GeneratorHarness.Properties((property, value)));
        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "HKF012");
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.EndsWith(expected, diagnostic.GetMessage());
        Assert.Contains(run.Sources, s => s.HintName == "Experiments.g.cs");
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void NamespaceDefaultsToRootNamespace()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), GeneratorHarness.Properties(("RootNamespace", "Shop.Web")));
        Assert.Contains("namespace Shop.Web\n", run.Source("Experiments.g.cs"));
    }

    [Fact]
    public void PinnedNamesApplyAndUnknownPinsAreReported()
    {
        const string pins = """
            using Hackle;
            [assembly: HackleFlagName(HackleFlagKind.Experiment, 43, "Onboarding")]
            [assembly: HackleFlagName(HackleFlagKind.FeatureFlag, 7L, "Checkout2")]
            [assembly: HackleFlagName(HackleFlagKind.RemoteConfig, "checkout_banner_text", "Banner")]
            [assembly: HackleFlagName(HackleFlagKind.Experiment, 999, "Ghost")]
            [assembly: HackleFlagName(HackleFlagKind.Experiment, 44, "search ranking!")]
            """;
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), manifestPath: ManifestPath, sources: pins);
        run.AssertNoGeneratorException();
        Assert.Contains("public sealed class Onboarding : global::Hackle.Accessors.ExperimentAccessor<Onboarding.Variant>\n", run.Source("Experiments.g.cs"));
        Assert.Contains("public sealed class SearchRanking : global::Hackle.Accessors.ExperimentAccessor<SearchRanking.Variant>\n", run.Source("Experiments.g.cs"));
        Assert.Contains("public sealed class Checkout2 : global::Hackle.Accessors.FeatureAccessor<Checkout2>\n", run.Source("Features.g.cs"));
        Assert.Contains("public sealed class Banner : global::Hackle.Accessors.StringParameterAccessor<Banner>\n", run.Source("RemoteConfig.g.cs"));

        var unknown = Assert.Single(run.Diagnostics, d => d.Id == "HKF011");
        Assert.Equal("HackleFlagName refers to unknown experiment key '999'; it has no effect", unknown.GetMessage());
        Assert.Equal((5, 12), (unknown.Location.GetLineSpan().StartLinePosition.Line + 1, unknown.Location.GetLineSpan().StartLinePosition.Character + 1));
        var invalidPin = Assert.Single(run.Diagnostics, d => d.Id == "HKF006");
        Assert.Equal("Source0.cs", Path.GetFileName(invalidPin.Location.GetLineSpan().Path));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void OmitArchivedLeavesFinishedItemsOut()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), GeneratorHarness.Properties(("HackleFlags_EmitArchived", "omit")));
        Assert.DoesNotContain("OnboardingTour", run.Source("Experiments.g.cs"));
        Assert.DoesNotContain("DarkMode", run.Source("Features.g.cs"));
        Assert.DoesNotContain("DarkMode", run.Source("FlagKeys.g.cs"));
        Assert.All(run.Diagnostics.Where(d => d.Id == "HKF009" && !d.GetMessage().StartsWith("Variation")),
            d => Assert.EndsWith("it is not generated because HackleFlags_EmitArchived is 'omit'", d.GetMessage()));
    }

    private sealed class UnreadableText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }
}
