using Hackle.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.FlagKeys.FinishedItemAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>HKA109: with HackleFlags_FinishedItems=diagnostic, each use of a finished item is an info diagnostic instead of CS0618.</summary>
public class FinishedItemTests
{
    /// <summary>The test manifest with Checkout (42) completed with winner B, its variation C dropped, and NewCheckout (7) paused.</summary>
    private static string FinishedManifest(bool completeCheckout)
    {
        var manifest = Manifests.Checkout;
        if (completeCheckout)
        {
            manifest = Replace(manifest, "\"execution\": { \"id\": 1, \"status\": \"RUNNING\"", "\"execution\": { \"id\": 1, \"status\": \"STOPPED\"");
            manifest = Replace(manifest, "\"key\": 42, \"name\": \"Checkout\", \"status\": \"RUNNING\", \"version\": 1, \"bucketId\": 1,\n      \"identifierType\": \"$id\", \"containerId\": null, \"winnerVariationId\": null",
                "\"key\": 42, \"name\": \"Checkout\", \"status\": \"RUNNING\", \"version\": 1, \"bucketId\": 1,\n      \"identifierType\": \"$id\", \"containerId\": null, \"winnerVariationId\": 2");
        }
        else
        {
            manifest = Replace(manifest, "{ \"id\": 3, \"key\": \"C\", \"status\": \"ACTIVE\"", "{ \"id\": 3, \"key\": \"C\", \"status\": \"DROPPED\"");
        }
        return Replace(manifest, "\"execution\": { \"id\": 3, \"status\": \"RUNNING\"", "\"execution\": { \"id\": 3, \"status\": \"PAUSED\"");
    }

    private static string Replace(string text, string old, string replacement)
    {
        var normalized = text.ReplaceLineEndings("\n");
        Assert.Contains(old, normalized);
        return normalized.Replace(old, replacement);
    }

    private static TestOptions Options(bool completeCheckout, string? mode) => Manifests.WithManifest with
    {
        Manifest = FinishedManifest(completeCheckout),
        BuildProperties = mode is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["HackleFlags_FinishedItems"] = mode },
    };

    private const string Uses = """
        using Hackle;
        using HackleFlags;

        public static class Uses
        {
            public static object Run(IHackleClient client, HackleUser user) =>
                {|#0:Experiments.Checkout.Variation(user)|}.ToString() + {|#1:Features.NewCheckout.IsOn(client, user)|} + {|#2:Experiments.Checkout.Key|};
        }
        """;

    [Fact]
    public Task Uses_of_finished_items_are_reported_in_diagnostic_mode() => VerifyCS.AnalyzerAsync(Uses, Options(completeCheckout: true, "diagnostic"),
        VerifyCS.Diagnostic("HKA109").WithLocation(0).WithArguments("Experiment", "'Checkout' (key 42)", "COMPLETED with winner B"),
        VerifyCS.Diagnostic("HKA109").WithLocation(1).WithArguments("Feature flag", "'NewCheckout' (key 7)", "PAUSED"),
        VerifyCS.Diagnostic("HKA109").WithLocation(2).WithArguments("Experiment", "'Checkout' (key 42)", "COMPLETED with winner B"));

    [Theory]
    [InlineData(null)]
    [InlineData("obsolete")]
    public Task Silent_when_the_generator_marks_finished_items_obsolete(string? mode) =>
        VerifyCS.AnalyzerAsync(Uses.Replace("{|#0:", "").Replace("{|#1:", "").Replace("{|#2:", "").Replace("|}", ""), Options(completeCheckout: true, mode));

    [Fact]
    public Task A_dropped_variation_is_reported_where_its_enum_member_is_used() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using HackleFlags;

        public static class Uses
        {
            public static bool Run(HackleUser user) =>
                Experiments.Checkout.Variation(user) == {|#0:Experiments.Checkout.Variant.C|} ||
                Experiments.Checkout.Variation(user) == Experiments.Checkout.Variant.B;
        }
        """, Options(completeCheckout: false, "Diagnostic"),
        VerifyCS.Diagnostic("HKA109").WithLocation(0).WithArguments("Variation C of experiment", "'Checkout' (key 42)", "DROPPED (users allocated to it get A)"));
}
