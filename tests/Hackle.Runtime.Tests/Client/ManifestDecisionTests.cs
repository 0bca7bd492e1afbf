using Hackle;

namespace Hackle.Runtime.Tests.Client;

/// <summary>The repository's hackle.flags.json behaves as its descriptions say.</summary>
public class ManifestDecisionTests
{
    [Fact]
    public void Checkout_splits_ninety_percent_of_traffic_evenly_over_three_variations()
    {
        using var t = TestClient.Manifest();
        var counts = new Dictionary<string, int>();
        var allocated = 0;
        for (var i = 0; i < 10000; i++)
        {
            var d = t.Client.VariationDetail(42, new HackleUser("user-" + i));
            counts[d.VariationKey] = counts.GetValueOrDefault(d.VariationKey) + 1;
            if (d.Reason == DecisionReason.TrafficAllocated) allocated++;
        }
        Assert.InRange(allocated, 8800, 9200);
        Assert.InRange(counts["B"], 2800, 3200);
        Assert.InRange(counts["C"], 2800, 3200);
        Assert.InRange(counts["A"], 3800, 4200); // 30% allocated + 10% unallocated default
    }

    [Fact]
    public void Checkout_overrides_qa_and_staff()
    {
        using var t = TestClient.Manifest();
        Assert.Equal(("B", DecisionReason.Overridden), Outcome.Of(t.Client.VariationDetail(42, new HackleUser("qa-tester-1"))));
        var staff = new HackleUser("someone") { Properties = { ["email"] = "kim@hackle.example" } };
        Assert.Equal(("C", DecisionReason.Overridden), Outcome.Of(t.Client.VariationDetail(42, staff)));
        Assert.Equal("green", t.Client.VariationDetail(42, new HackleUser("qa-tester-1")).Config.GetString("button_color", "none"));
    }

    [Fact]
    public void NewCheckout_is_on_for_gold_and_for_about_thirty_percent_of_others()
    {
        using var t = TestClient.Manifest();
        Assert.Equal((true, DecisionReason.TargetRuleMatch), Outcome.Of(t.Client.FeatureFlagDetail(7, new HackleUser("x") { Properties = { ["grade"] = "GOLD" } })));
        var on = Enumerable.Range(0, 10000).Count(i => t.Client.IsFeatureOn(7, new HackleUser("user-" + i)));
        Assert.InRange(on, 2800, 3200);
    }

    [Fact]
    public void Completed_paused_and_dropped_items_decide_as_documented()
    {
        using var t = TestClient.Manifest();
        Assert.Equal(("B", DecisionReason.ExperimentCompleted), Outcome.Of(t.Client.VariationDetail(43, new HackleUser("u1"))));
        Assert.Equal((false, DecisionReason.FeatureFlagInactive), Outcome.Of(t.Client.FeatureFlagDetail(8, new HackleUser("u1"))));
        // Search Ranking targets app 2.0+ by device id; its variation B is dropped.
        Assert.Equal(("A", DecisionReason.IdentifierNotFound), Outcome.Of(t.Client.VariationDetail(44, new HackleUser("u1"))));
        Assert.Equal(("A", DecisionReason.NotInExperimentTarget), Outcome.Of(t.Client.VariationDetail(44, new HackleUser { DeviceId = "d", Properties = { ["app_version"] = "1.9.3" } })));
        var reasons = Enumerable.Range(0, 3000)
            .Select(i => t.Client.VariationDetail(44, new HackleUser { DeviceId = "d" + i, Properties = { ["app_version"] = "2.1.0" } }))
            .GroupBy(d => d.Reason).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(reasons[DecisionReason.VariationDropped] > 800);
        Assert.True(reasons[DecisionReason.TrafficAllocated] > 1800);
    }
}
