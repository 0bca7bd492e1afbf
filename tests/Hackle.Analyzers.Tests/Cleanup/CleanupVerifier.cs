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
        Manifest = Manifest(finished.FlagPaused),
        BuildProperties = finished.DiagnosticMode
            ? new Dictionary<string, string> { ["HackleFlags_FinishedItems"] = "diagnostic" }
            : new Dictionary<string, string>(),
        ExtraSources = new[] { ("/0/Generated.g.cs", finished.DiagnosticMode ? Manifests.GeneratedAccessors : ObsoleteAccessors) },
    };

    /// <summary>The generator's default (obsolete) mode: the finished items' classes carry [Obsolete].</summary>
    private static string ObsoleteAccessors => Manifests.GeneratedAccessors
        .Replace("public sealed class Checkout", "[global::System.Obsolete(\"Experiment 'Checkout' (key 42) is COMPLETED; winner B. Remove the branch and keep B.\")]\n        public sealed class Checkout")
        .Replace("public sealed class NewCheckout", "[global::System.Obsolete(\"Feature flag 'NewCheckout' (key 7) is finished.\")]\n        public sealed class NewCheckout");

    private static string Manifest(bool flagPaused)
    {
        var manifest = Manifests.Checkout.ReplaceLineEndings("\n");
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
internal readonly record struct Finished(bool DiagnosticMode = false, bool FlagPaused = false);
