using Hackle.Analyzers.Cleanup;
using Hackle.Analyzers.Tests.Infrastructure;
using Hackle.CodeFixes.Cleanup;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>
/// Runs HKA110 and its clean-up fix on a finished manifest: Checkout (42) COMPLETED with winner B, NewCheckout (7)
/// COMPLETED with winner B (on) or PAUSED (off), with the accessors the generator emits in either
/// HackleFlags_FinishedItems mode. The fixed code is compiled too (errors fail the test).
/// </summary>
internal static class CleanupVerifier
{
    public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<FinishedItemCleanupAnalyzer, DefaultVerifier>.Diagnostic("HKA110");

    public static async Task FixAsync(string source, string fixedSource, Finished finished = default, LanguageVersion language = LanguageVersion.Latest,
        IReadOnlyList<(string Name, string Source, string Fixed)>? moreFiles = null, int? iterations = null)
    {
        var test = new CSharpCodeFixTest<FinishedItemCleanupAnalyzer, FinishedItemCleanupCodeFixProvider, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
        };
        foreach (var (name, before, after) in moreFiles ?? Array.Empty<(string, string, string)>())
        {
            test.TestState.Sources.Add((name, before));
            test.FixedState.Sources.Add((name, after));
        }
        if (iterations is { } count)
        {
            test.NumberOfIncrementalIterations = count;
            test.NumberOfFixAllIterations = 1;
            test.NumberOfFixAllInDocumentIterations = 1;
        }
        await TestEnvironment.ConfigureAsync(test, Options(finished));
        SetLanguage(test, language);
        await test.RunAsync();
    }

    public static async Task AnalyzeAsync(string source, Finished finished, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<FinishedItemCleanupAnalyzer, DefaultVerifier> { TestCode = source };
        await TestEnvironment.ConfigureAsync(test, Options(finished));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static void SetLanguage(AnalyzerTest<DefaultVerifier> test, LanguageVersion language) =>
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            return solution.WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(language));
        });

    public static TestOptions Options(Finished finished) => TestOptions.Default with
    {
        Manifest = finished.CheckoutDropsC ? RunningWithDroppedC(finished.OverrideToC) : Manifest(finished.FlagPaused),
        BuildProperties = BuildProperties(finished),
        AccessorsInMetadata = finished.AccessorsInMetadata,
        ExtraSources = new[]
        {
            ("/0/Generated.g.cs", finished.DiagnosticMode || finished.CheckoutDropsC ? Manifests.GeneratedAccessors : ObsoleteAccessors),
            ("/0/RemoteConfig.g.cs", ParameterAccessors),
        },
    };

    private static Dictionary<string, string> BuildProperties(Finished finished)
    {
        var properties = new Dictionary<string, string>();
        if (finished.DiagnosticMode) properties["HackleFlags_FinishedItems"] = "diagnostic";
        if (finished.InlineParameters) properties["HackleFlags_FixedParameters"] = "inline";
        return properties;
    }

    /// <summary>
    /// Remote-config parameters: three without target rules (fixed: every user gets the default) and one with a rule.
    /// </summary>
    private const string Parameters = """
        "remoteConfigParameters": [
            { "id": 8001, "key": "banner", "type": "STRING", "identifierType": "$id", "targetRules": [], "defaultValue": { "id": 1, "value": "Free shipping" } },
            { "id": 8002, "key": "threshold", "type": "NUMBER", "identifierType": "$id", "targetRules": [], "defaultValue": { "id": 2, "value": 50 } },
            { "id": 8003, "key": "show_reviews", "type": "BOOLEAN", "identifierType": "$id", "defaultValue": { "id": 3, "value": true } },
            { "id": 8004, "key": "discount", "type": "NUMBER", "identifierType": "$id", "defaultValue": { "id": 4, "value": 0.1 },
              "targetRules": [ { "key": "gold", "name": "Gold", "bucketId": 1, "value": { "id": 5, "value": 0.2 },
                "target": { "conditions": [ { "key": { "type": "USER_PROPERTY", "name": "grade" },
                  "match": { "type": "MATCH", "operator": "IN", "valueType": "STRING", "values": [ "GOLD" ] } } ] } } ] }
          ]
        """;

    /// <summary>What src/Hackle.Generators emits for <see cref="Parameters"/>.</summary>
    private const string ParameterAccessors = """
        namespace HackleFlags
        {
            [global::System.CodeDom.Compiler.GeneratedCode("Hackle.Generators", "0.1.0")]
            internal static partial class RemoteConfig
            {
                [global::Hackle.Accessors.HackleParameter(Banner.Key, Banner.DefaultValue)]
                public sealed class Banner : global::Hackle.Accessors.StringParameterAccessor<Banner>
                {
                    public const string Key = "banner";
                    public const string DefaultValue = "Free shipping";
                    private Banner() { }
                }

                [global::Hackle.Accessors.HackleParameter(Threshold.Key, Threshold.DefaultValue)]
                public sealed class Threshold : global::Hackle.Accessors.NumberParameterAccessor<Threshold>
                {
                    public const string Key = "threshold";
                    public const double DefaultValue = 50D;
                    private Threshold() { }
                }

                [global::Hackle.Accessors.HackleParameter(ShowReviews.Key, ShowReviews.DefaultValue)]
                public sealed class ShowReviews : global::Hackle.Accessors.BooleanParameterAccessor<ShowReviews>
                {
                    public const string Key = "show_reviews";
                    public const bool DefaultValue = true;
                    private ShowReviews() { }
                }

                [global::Hackle.Accessors.HackleParameter(Discount.Key, Discount.DefaultValue)]
                public sealed class Discount : global::Hackle.Accessors.NumberParameterAccessor<Discount>
                {
                    public const string Key = "discount";
                    public const double DefaultValue = 0.1D;
                    private Discount() { }
                }
            }
        }
        """;

    private static string WithParameters(string manifest) => Replace(manifest, "\"remoteConfigParameters\": []", Parameters);

    /// <summary>Checkout (42) still RUNNING with its variation C DROPPED; <paramref name="overrideToC"/> says which override, if any, still hands out C.</summary>
    private static string RunningWithDroppedC(OverrideToC overrideToC)
    {
        var manifest = WithParameters(Manifests.Checkout.ReplaceLineEndings("\n"));
        manifest = Replace(manifest, "{ \"id\": 3, \"key\": \"C\", \"status\": \"ACTIVE\"", "{ \"id\": 3, \"key\": \"C\", \"status\": \"DROPPED\"");
        const string execution = "\"execution\": { \"id\": 1, \"status\": \"RUNNING\", \"version\": 1, \"userOverrides\": [], \"segmentOverrides\": []";
        const string segment = "{ \"target\": { \"conditions\": [ { \"key\": { \"type\": \"SEGMENT\", \"name\": \"SEGMENT\" }, " +
                               "\"match\": { \"type\": \"MATCH\", \"operator\": \"IN\", \"valueType\": \"STRING\", \"values\": [ \"qa\" ] } } ] }, \"action\": ";
        return overrideToC switch
        {
            OverrideToC.None => manifest,
            OverrideToC.User => Replace(manifest, execution, execution.Replace("\"userOverrides\": []", "\"userOverrides\": [ { \"userId\": \"qa\", \"variationId\": 3 } ]")),
            OverrideToC.Segment => Replace(manifest, execution, execution.Replace("\"segmentOverrides\": []",
                "\"segmentOverrides\": [ " + segment + "{ \"type\": \"VARIATION\", \"variationId\": 3, \"bucketId\": null } } ]")),
            OverrideToC.SegmentBucket => Replace(manifest, execution, execution.Replace("\"segmentOverrides\": []",
                "\"segmentOverrides\": [ " + segment + "{ \"type\": \"BUCKET\", \"variationId\": null, \"bucketId\": 1 } } ]")),
            _ => throw new ArgumentOutOfRangeException(nameof(overrideToC)),
        };
    }

    /// <summary>The generator's default (obsolete) mode: the finished items' classes carry [Obsolete].</summary>
    private static string ObsoleteAccessors => Manifests.GeneratedAccessors
        .Replace("public sealed class Checkout", "[global::System.Obsolete(\"Experiment 'Checkout' (key 42) is COMPLETED; winner B. Remove the branch and keep B.\")]\n        public sealed class Checkout")
        .Replace("public sealed class NewCheckout", "[global::System.Obsolete(\"Feature flag 'NewCheckout' (key 7) is finished.\")]\n        public sealed class NewCheckout");

    private static string Manifest(bool flagPaused)
    {
        var manifest = WithParameters(Manifests.Checkout.ReplaceLineEndings("\n"));
        manifest = Replace(manifest, "\"execution\": { \"id\": 1, \"status\": \"RUNNING\"", "\"execution\": { \"id\": 1, \"status\": \"STOPPED\"");
        manifest = Replace(manifest, "\"key\": 42, \"name\": \"Checkout\", \"status\": \"RUNNING\", \"version\": 1, \"bucketId\": 1,\n      \"identifierType\": \"$id\", \"containerId\": null, \"winnerVariationId\": null",
            "\"key\": 42, \"name\": \"Checkout\", \"status\": \"RUNNING\", \"version\": 1, \"bucketId\": 1,\n      \"identifierType\": \"$id\", \"containerId\": null, \"winnerVariationId\": 2");
        if (flagPaused)
        {
            return Replace(manifest, "\"execution\": { \"id\": 3, \"status\": \"RUNNING\"", "\"execution\": { \"id\": 3, \"status\": \"PAUSED\"");
        }
        manifest = Replace(manifest, "\"execution\": { \"id\": 3, \"status\": \"RUNNING\"", "\"execution\": { \"id\": 3, \"status\": \"STOPPED\"");
        return Replace(manifest, "\"key\": 7, \"name\": \"NewCheckout\", \"status\": \"RUNNING\", \"version\": 1, \"bucketId\": 1,\n      \"identifierType\": \"$id\", \"containerId\": null, \"winnerVariationId\": null",
            "\"key\": 7, \"name\": \"NewCheckout\", \"status\": \"RUNNING\", \"version\": 1, \"bucketId\": 1,\n      \"identifierType\": \"$id\", \"containerId\": null, \"winnerVariationId\": 7");
    }

    private static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text);
        return text.Replace(old, replacement);
    }
}

/// <summary>Which finished manifest a test runs against.</summary>
/// <param name="DiagnosticMode">HackleFlags_FinishedItems=diagnostic (no [Obsolete]) instead of the default.</param>
/// <param name="FlagPaused">NewCheckout PAUSED (off) instead of COMPLETED with winner B (on).</param>
/// <param name="CheckoutDropsC">Checkout still RUNNING with variation C DROPPED, NewCheckout running, instead of both finished.</param>
/// <param name="OverrideToC">With <paramref name="CheckoutDropsC"/>: the override that still gives C, if any.</param>
/// <param name="InlineParameters">HackleFlags_FixedParameters=inline: the fix writes fixed parameters' values.</param>
/// <param name="AccessorsInMetadata">The accessors come from a referenced accessor assembly (HackleFlags_AccessorAssembly) instead of source.</param>
internal readonly record struct Finished(bool DiagnosticMode = false, bool FlagPaused = false, bool CheckoutDropsC = false, OverrideToC OverrideToC = OverrideToC.None,
    bool InlineParameters = false, bool AccessorsInMetadata = false);

/// <summary>An override of Checkout that can still give its dropped variation C.</summary>
internal enum OverrideToC
{
    None,
    /// <summary>A user override to C.</summary>
    User,
    /// <summary>A segment override whose action is the variation C.</summary>
    Segment,
    /// <summary>A segment override that buckets, so it can land on any variation.</summary>
    SegmentBucket,
}
