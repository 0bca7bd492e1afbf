using System.Text.RegularExpressions;
using Hackle.Analyzers.Cleanup;
using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>HKA110: every decision of a finished item is reported, in both modes, with the final value for the fix.</summary>
public class FinishedItemCleanupAnalyzerTests
{
    private const string Uses = """
        using Hackle;
        using HackleFlags;

        public static class Uses
        {
            public static object Run(IHackleClient client, HackleUser user) =>
                {|#0:Experiments.Checkout.Variation(user)|}.ToString() + {|#1:Features.NewCheckout.IsOn(client, user)|} +
                {|#2:client.Variation(42, user)|} + {|#3:client.IsFeatureOn(7, user)|} + client.Variation(43, user);
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Typed_and_raw_decisions_are_reported_in_both_modes(bool diagnosticMode) => CleanupVerifier.AnalyzeAsync(Uses, new Finished(diagnosticMode),
        CleanupVerifier.Diagnostic().WithLocation(0).WithArguments("Experiment", "'Checkout' (key 42)", "COMPLETED with winner B", "B", "keep that path and delete the rest (code fix: 'Keep B')"),
        CleanupVerifier.Diagnostic().WithLocation(1).WithArguments("Feature flag", "'NewCheckout' (key 7)", "COMPLETED with winner B", "on", "keep that path and delete the rest (code fix: 'Keep on')"),
        CleanupVerifier.Diagnostic().WithLocation(2).WithArguments("Experiment", "'Checkout' (key 42)", "COMPLETED with winner B", "B", "keep that path and delete the rest (code fix: 'Keep B')"),
        CleanupVerifier.Diagnostic().WithLocation(3).WithArguments("Feature flag", "'NewCheckout' (key 7)", "COMPLETED with winner B", "on", "keep that path and delete the rest (code fix: 'Keep on')"));

    [Fact]
    public Task A_paused_flag_is_off() => CleanupVerifier.AnalyzeAsync("""
        using Hackle;
        using HackleFlags;

        public static class Uses
        {
            public static bool Run(HackleUser user) => {|#0:Features.NewCheckout.IsOn(user)|};
        }
        """, new Finished(FlagPaused: true),
        CleanupVerifier.Diagnostic().WithLocation(0).WithArguments("Feature flag", "'NewCheckout' (key 7)", "PAUSED", "off", "keep that path and delete the rest (code fix: 'Keep off')"));

    [Fact]
    public Task Detail_uses_say_why_they_have_no_fix() => CleanupVerifier.AnalyzeAsync("""
        using Hackle;
        using HackleFlags;

        public static class Uses
        {
            public static string Run(IHackleClient client, HackleUser user) =>
                {|#0:Experiments.Checkout.VariationDetail(user)|}.Reason.ToString() + {|#1:client.VariationDetail(42, user)|}.Reason;
        }
        """, new Finished(),
        CleanupVerifier.Diagnostic().WithLocation(0).WithArguments("Experiment", "'Checkout' (key 42)", "COMPLETED with winner B", "B",
            "no automatic fix: the decision's reason and config have no fixed value, so replace this use by hand"),
        CleanupVerifier.Diagnostic().WithLocation(1).WithArguments("Experiment", "'Checkout' (key 42)", "COMPLETED with winner B", "B",
            "no automatic fix: the decision's reason and config have no fixed value, so replace this use by hand"));

    [Fact]
    public void The_rule_is_documented_where_its_help_link_points()
    {
        var descriptor = new FinishedItemCleanupAnalyzer().SupportedDiagnostics.Single();
        Assert.Equal("HKA110", descriptor.Id);
        var anchor = Regex.Match(descriptor.HelpLinkUri, "docs/diagnostics\\.md#(?<anchor>[a-z0-9]+)$");
        Assert.True(anchor.Success, descriptor.HelpLinkUri);
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        Assert.Contains($"<a id=\"{anchor.Groups["anchor"].Value}\"></a>", docs);
        Assert.Contains("### HKA110:", docs);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HackleTyped.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("HackleTyped.sln not found above " + AppContext.BaseDirectory);
    }
}
