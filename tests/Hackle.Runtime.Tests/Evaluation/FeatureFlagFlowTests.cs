using System.Text.Json.Nodes;
using Hackle;
using static Hackle.Runtime.Tests.Config;

namespace Hackle.Runtime.Tests.Evaluation;

/// <summary>The feature-flag flow of docs/protocol.md §3.3.</summary>
public class FeatureFlagFlowTests
{
    // Bucket 1: everyone on (B = id 12); bucket 2: nobody allocated; bucket 3: everyone off (A = id 11).
    private static readonly JsonArray Buckets = Array(BucketDef(1, 3, (0, 10000, 12)), BucketDef(2, 3), BucketDef(3, 3, (0, 10000, 11)));

    private static FeatureFlagDecision Decide(JsonObject flag, HackleUser user, out TestClient client)
    {
        client = new TestClient(Workspace(featureFlags: Array(flag), buckets: Buckets).ToJsonString());
        return client.Client.FeatureFlagDetail(1, user);
    }

    [Theory]
    [InlineData("READY", false, DecisionReason.ExperimentDraft)]
    [InlineData("PAUSED", false, DecisionReason.FeatureFlagInactive)]
    [InlineData("STOPPED", true, DecisionReason.ExperimentCompleted)]
    [InlineData("RUNNING", true, DecisionReason.DefaultRule)]
    public void Status_then_default_rule(string status, bool on, DecisionReason reason)
    {
        var overrides = Array(new JsonObject { ["userId"] = "u1", ["variationId"] = 11 });
        var d = Decide(Experiment(1, status: status, winnerVariationId: 12, userOverrides: status == "RUNNING" ? null : overrides), new HackleUser("u1"), out var t);
        using (t)
        {
            Assert.Equal((on, reason), (d.IsOn, d.Reason));
            Assert.Equal("FEATURE_FLAG", Assert.Single(t.Exposures).ExperimentType);
        }
    }

    [Fact]
    public void Individual_target_beats_rules()
    {
        var overrides = Array(new JsonObject { ["userId"] = "u1", ["variationId"] = 11 });
        var rules = Array(Rule(Target(Condition("USER_PROPERTY", "grade", "IN", "STRING", Array("GOLD"))), VariationAction(12)));
        var d = Decide(Experiment(1, userOverrides: overrides, targetRules: rules), new HackleUser("u1") { Properties = { ["grade"] = "GOLD" } }, out var t);
        using (t) Assert.Equal((false, DecisionReason.IndividualTargetMatch), (d.IsOn, d.Reason));
    }

    [Fact]
    public void First_matching_target_rule_decides()
    {
        var rules = Array(
            Rule(Target(Condition("USER_PROPERTY", "grade", "IN", "STRING", Array("GOLD"))), VariationAction(12)),
            Rule(Target(Condition("USER_PROPERTY", "grade", "IN", "STRING", Array("GOLD", "SILVER"))), VariationAction(11)));
        var gold = Decide(Experiment(1, bucketId: 3, targetRules: rules), new HackleUser("u1") { Properties = { ["grade"] = "GOLD" } }, out var t1);
        using (t1) Assert.Equal((true, DecisionReason.TargetRuleMatch), (gold.IsOn, gold.Reason));
        var silver = Decide(Experiment(1, bucketId: 1, targetRules: rules), new HackleUser("u1") { Properties = { ["grade"] = "SILVER" } }, out var t2);
        using (t2) Assert.Equal((false, DecisionReason.TargetRuleMatch), (silver.IsOn, silver.Reason));
        var none = Decide(Experiment(1, bucketId: 3, targetRules: rules), new HackleUser("u1"), out var t3);
        using (t3) Assert.Equal((false, DecisionReason.DefaultRule), (none.IsOn, none.Reason));
    }

    [Fact]
    public void A_flag_that_cannot_decide_is_an_exception()
    {
        var rules = Array(Rule(Target(Condition("USER_PROPERTY", "grade", "IN", "STRING", Array("GOLD"))), Bucket(2)));
        var byRule = Decide(Experiment(1, targetRules: rules), new HackleUser("u1") { Properties = { ["grade"] = "GOLD" } }, out var t1);
        using (t1) Assert.Equal((false, DecisionReason.Exception), (byRule.IsOn, byRule.Reason));
        var byDefault = Decide(Experiment(1, bucketId: 2), new HackleUser("u1"), out var t2);
        using (t2) Assert.Equal((false, DecisionReason.Exception), (byDefault.IsOn, byDefault.Reason));
    }

    [Fact]
    public void Missing_identifier_gives_identifier_not_found()
    {
        var d = Decide(Experiment(1, identifierType: "$deviceId"), new HackleUser("u1"), out var t);
        using (t) Assert.Equal((false, DecisionReason.IdentifierNotFound), (d.IsOn, d.Reason));
    }

    [Fact]
    public void Flags_ignore_audiences_and_containers()
    {
        var audiences = Array(Target(Condition("USER_PROPERTY", "country", "IN", "STRING", Array("KR"))));
        var d = Decide(Experiment(1, targetAudiences: audiences, containerId: 404), new HackleUser("u1"), out var t);
        using (t) Assert.Equal((true, DecisionReason.DefaultRule), (d.IsOn, d.Reason));
    }
}
