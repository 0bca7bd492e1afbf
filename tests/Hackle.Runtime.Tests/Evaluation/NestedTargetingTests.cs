using System.Text.Json.Nodes;
using Hackle;
using static Hackle.Runtime.Tests.Config;

namespace Hackle.Runtime.Tests.Evaluation;

/// <summary>AB_TEST and FEATURE_FLAG conditions: recursive evaluation, caching, reason rewrite and extra exposures.</summary>
public class NestedTargetingTests
{
    // Experiment 2 gives everyone B (id 22); flag 3 is on for everyone (B = id 32); experiment 1 targets both.
    private static JsonObject Root(JsonArray audiences) => Experiment(1, bucketId: 1, targetAudiences: audiences);

    private static TestClient Client(JsonObject root, JsonObject? second = null) => new(Workspace(
        experiments: Array(root, second ?? Experiment(2, bucketId: 2)),
        featureFlags: Array(Experiment(3, bucketId: 3)),
        buckets: Array(BucketDef(1, 1, (0, 10000, 12)), BucketDef(2, 2, (0, 10000, 22)), BucketDef(3, 3, (0, 10000, 32)))).ToJsonString());

    [Fact]
    public void Nested_conditions_decide_and_send_one_exposure_each_tagged_with_the_root()
    {
        var audiences = Array(Target(
            Condition("AB_TEST", "2", "IN", "STRING", Array("B")),
            Condition("FEATURE_FLAG", "3", "IN", "BOOLEAN", Array(true))));
        using var t = Client(Root(audiences));
        var decision = t.Client.VariationDetail(1, new HackleUser("u1"));
        Assert.Equal(("B", DecisionReason.TrafficAllocated), (decision.VariationKey, decision.Reason));

        var exposures = t.Exposures;
        Assert.Equal(3, exposures.Count);
        Assert.Equal(new long[] { 1, 2, 3 }, exposures.Select(e => e.ExperimentKey));
        Assert.Null(exposures[0].TargetingRootType);
        Assert.All(exposures.Skip(1), e => Assert.Equal(("EXPERIMENT", 100L), (e.TargetingRootType, e.TargetingRootId!.Value)));
        // Requested by an experiment, a nested TRAFFIC_ALLOCATED becomes TRAFFIC_ALLOCATED_BY_TARGETING.
        Assert.Equal(DecisionReason.TrafficAllocatedByTargeting, exposures[1].Reason);
        Assert.Equal(DecisionReason.DefaultRule, exposures[2].Reason);
        Assert.All(exposures, e => Assert.Equal(exposures[0].Timestamp, e.Timestamp));
    }

    [Fact]
    public void A_nested_experiment_is_evaluated_once_per_decision()
    {
        var audiences = Array(
            Target(Condition("AB_TEST", "2", "IN", "STRING", Array("A"))),
            Target(Condition("AB_TEST", "2", "IN", "STRING", Array("B"))));
        using var t = Client(Root(audiences));
        Assert.Equal("B", t.Client.Variation(1, new HackleUser("u1")));
        Assert.Equal(2, t.Exposures.Count);
    }

    [Fact]
    public void Nested_ab_test_matches_only_for_allocated_reasons()
    {
        var audiences = Array(Target(Condition("AB_TEST", "2", "IN", "STRING", Array("A"))));
        // Experiment 2 is paused: its default A does not count as a match.
        using var t = Client(Root(audiences), Experiment(2, status: "PAUSED", bucketId: 2));
        Assert.Equal(DecisionReason.NotInExperimentTarget, t.Client.VariationDetail(1, new HackleUser("u1")).Reason);
        Assert.Equal(DecisionReason.ExperimentPaused, t.Exposures[1].Reason);
    }

    [Fact]
    public void Unknown_nested_key_does_not_match()
    {
        var audiences = Array(Target(Condition("AB_TEST", "999", "IN", "STRING", Array("A"))));
        using var t = Client(Root(audiences));
        Assert.Equal(DecisionReason.NotInExperimentTarget, t.Client.VariationDetail(1, new HackleUser("u1")).Reason);
    }

    [Fact]
    public void A_cycle_is_an_exception_with_no_events()
    {
        var audiences = Array(Target(Condition("AB_TEST", "2", "IN", "STRING", Array("B"))));
        var second = Experiment(2, bucketId: 2, targetAudiences: Array(Target(Condition("AB_TEST", "1", "IN", "STRING", Array("B")))));
        using var t = Client(Root(audiences), second);
        Assert.Equal(("A", DecisionReason.Exception), (t.Client.Variation(1, new HackleUser("u1")), t.Client.VariationDetail(1, new HackleUser("u1")).Reason));
        Assert.Empty(t.Exposures);
    }
}
