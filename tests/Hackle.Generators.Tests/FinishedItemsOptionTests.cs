using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>
/// HackleFlags_FinishedItems: finished items are [Obsolete] by default (CS0618 at every use), or, with
/// 'diagnostic', reported by HKF009 only, so that finishing an experiment in the dashboard cannot break a
/// build with TreatWarningsAsErrors.
/// </summary>
public class FinishedItemsOptionTests
{
    private const string Usage = """
        using Hackle;
        using HackleFlags;

        namespace Consumer
        {
            internal static class Usage
            {
                public static string Run(HackleUser user) =>
                    Experiments.OnboardingTour.Variation(user) + " " + Features.DarkMode.IsOn(user) + " " +
                    Experiments.SearchRanking.Variant.B + " " + FlagKeys.Features.DarkMode;
            }
        }
        """;

    private static GeneratorHarness.Run Generate(string? finishedItems) => GeneratorHarness.Generate(
        File.ReadAllText(RepoPaths.RepoManifest),
        finishedItems is null ? null : GeneratorHarness.Properties(("HackleFlags_FinishedItems", finishedItems)),
        sources: Usage);

    private static string[] Warnings(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).OrderBy(i => i).ToArray();

    [Theory]
    [InlineData(null)]
    [InlineData("obsolete")]
    [InlineData("Obsolete")]
    public void ByDefaultEveryUseOfAFinishedItemIsCs0618(string? value)
    {
        var run = Generate(value);
        run.AssertNoGeneratorException();
        Assert.Equal(new[] { "CS0618", "CS0618", "CS0618", "CS0618" }, Warnings(run.Output));
        Assert.Contains("[global::System.Obsolete(", run.Source("Experiments.g.cs"));
        Assert.Contains(run.Diagnostics, d => d.Id == "HKF009" &&
                                              d.GetMessage() == "Experiment 'Onboarding Tour' (key 43) is COMPLETED; it is generated as [Obsolete]");
    }

    [Theory]
    [InlineData("diagnostic")]
    [InlineData("Diagnostic")]
    public void DiagnosticModeReportsFinishedItemsWithoutBreakingTheBuild(string value)
    {
        var run = Generate(value);
        run.AssertNoGeneratorException();
        Assert.Empty(Warnings(run.Output));
        Assert.All(run.Sources, s => Assert.DoesNotContain("Obsolete(", s.SourceText.ToString()));
        // The status is still in the docs, and HKF009 (info: never an error under TreatWarningsAsErrors) names each item.
        Assert.Contains("Status: COMPLETED.", run.Source("Experiments.g.cs"));
        var finished = run.Diagnostics.Where(d => d.Id == "HKF009").Select(d => d.GetMessage()).OrderBy(m => m).ToArray();
        Assert.Equal(new[]
        {
            "Experiment 'Onboarding Tour' (key 43) is COMPLETED; remove its uses (it is not [Obsolete] because HackleFlags_FinishedItems is 'diagnostic')",
            "Feature flag 'DarkMode' (key 8) is PAUSED; remove its uses (it is not [Obsolete] because HackleFlags_FinishedItems is 'diagnostic')",
            "Variation B of experiment 'Search Ranking' (key 44) is DROPPED; users allocated to it get A; remove its branch (its enum member is not [Obsolete] because HackleFlags_FinishedItems is 'diagnostic')",
        }, finished);
        Assert.All(run.Diagnostics, d => Assert.True(d.Severity < DiagnosticSeverity.Warning, d.ToString()));
    }
}
