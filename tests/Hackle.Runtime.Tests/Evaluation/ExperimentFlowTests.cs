using System.Text.Json.Nodes;
using Hackle;
using static Hackle.Runtime.Tests.Config;

namespace Hackle.Runtime.Tests.Evaluation;

/// <summary>The A/B test flow of docs/protocol.md §3.2, step by step: the first step that decides wins.</summary>
public class ExperimentFlowTests
{
    // Bucket 1 sends everyone to variation B (id 12 for key 1), bucket 2 allocates nobody.
    private static readonly JsonArray Buckets = Array(BucketDef(1, 7, (0, 10000, 12)), BucketDef(2, 7), BucketDef(3, 7, (0, 10000, 13)));

    private static Decision Decide(JsonObject experiment, HackleUser user, out TestClient client, JsonArray? segments = null,
        JsonArray? containers = null, JsonArray? parameterConfigurations = null, string defaultVariation = "A")
    {
        client = new TestClient(Workspace(Array(experiment), buckets: Buckets, segments: segments, containers: containers,
            parameterConfigurations: parameterConfigurations).ToJsonString());
        return client.Client.VariationDetail(1, user, defaultVariation);
    }

    [Fact]
    public void Running_experiment_allocates_by_bucket()
    {
        var d = Decide(Experiment(1), new HackleUser("u1"), out var t);
        using (t)
        {
            Assert.Equal(("B", DecisionReason.TrafficAllocated), (d.VariationKey, d.Reason));
            var exposure = Assert.Single(t.Exposures);
            Assert.Equal((100L, 1L, "AB_TEST", 12L, "B"), (exposure.ExperimentId, exposure.ExperimentKey, exposure.ExperimentType, exposure.VariationId!.Value, exposure.VariationKey));
            Assert.Null(exposure.TargetingRootType);
        }
    }

    [Fact]
    public void Unallocated_traffic_gives_the_default()
    {
        var d = Decide(Experiment(1, bucketId: 2), new HackleUser("u1"), out var t);
        using (t) Assert.Equal(("A", DecisionReason.TrafficNotAllocated), (d.VariationKey, d.Reason));
    }

    [Fact]
    public void Dropped_variation_gives_the_default()
    {
        var variations = Array(Variation(11, "A"), Variation(12, "B", dropped: true));
        var d = Decide(Experiment(1, variations: variations), new HackleUser("u1"), out var t);
        using (t) Assert.Equal(("A", DecisionReason.VariationDropped), (d.VariationKey, d.Reason));
    }

    [Theory]
    [InlineData("READY", "A", DecisionReason.ExperimentDraft)]
    [InlineData("PAUSED", "A", DecisionReason.ExperimentPaused)]
    [InlineData("STOPPED", "B", DecisionReason.ExperimentCompleted)]
    public void Status_decides_before_traffic(string status, string variation, DecisionReason reason)
    {
        var d = Decide(Experiment(1, status: status, bucketId: 2, winnerVariationId: 12), new HackleUser("u1"), out var t);
        using (t)
        {
            Assert.Equal((variation, reason), (d.VariationKey, d.Reason));
            Assert.Single(t.Exposures); // every decision after the lookup sends an exposure
        }
    }

    [Fact]
    public void Completed_experiment_without_its_winner_is_an_exception()
    {
        var d = Decide(Experiment(1, status: "STOPPED", winnerVariationId: 999), new HackleUser("u1"), out var t);
        using (t)
        {
            Assert.Equal(("A", DecisionReason.Exception), (d.VariationKey, d.Reason));
            Assert.Empty(t.Exposures);
        }
    }

    [Fact]
    public void User_override_wins_even_for_a_paused_experiment()
    {
        var overrides = Array(new JsonObject { ["userId"] = "vip", ["variationId"] = 12 });
        var d = Decide(Experiment(1, status: "PAUSED", bucketId: 2, userOverrides: overrides), new HackleUser("vip"), out var t);
        using (t) Assert.Equal(("B", DecisionReason.Overridden), (d.VariationKey, d.Reason));
    }

    [Fact]
    public void User_override_uses_the_experiment_identifier_type()
    {
        var overrides = Array(new JsonObject { ["userId"] = "device-9", ["variationId"] = 12 });
        var d = Decide(Experiment(1, identifierType: "$deviceId", bucketId: 2, userOverrides: overrides),
            new HackleUser("device-9") { DeviceId = "other" }, out var t);
        using (t) Assert.Equal(("A", DecisionReason.TrafficNotAllocated), (d.VariationKey, d.Reason));
    }

    [Fact]
    public void Segment_override_buckets_when_its_action_is_a_bucket()
    {
        var segments = Array(new JsonObject
        {
            ["id"] = 1, ["key"] = "beta", ["type"] = "USER_PROPERTY",
            ["targets"] = Array(Target(Condition("USER_PROPERTY", "beta", "IN", "BOOLEAN", Array(true)))),
        });
        var overrides = Array(Rule(Target(Condition("SEGMENT", "SEGMENT", "IN", "STRING", Array("beta"))), Bucket(3)));
        var experiment = Experiment(1, bucketId: 2, segmentOverrides: overrides,
            variations: Array(Variation(11, "A"), Variation(12, "B"), Variation(13, "C")));
        var beta = Decide(experiment, new HackleUser("u1") { Properties = { ["beta"] = true } }, out var t1, segments);
        using (t1) Assert.Equal(("C", DecisionReason.Overridden), (beta.VariationKey, beta.Reason));
        var regular = Decide(experiment, new HackleUser("u1"), out var t2, segments);
        using (t2) Assert.Equal(("A", DecisionReason.TrafficNotAllocated), (regular.VariationKey, regular.Reason));
    }

    [Fact]
    public void Missing_identifier_gives_identifier_not_found()
    {
        var d = Decide(Experiment(1, identifierType: "$userId"), new HackleUser("u1"), out var t);
        using (t) Assert.Equal(("A", DecisionReason.IdentifierNotFound), (d.VariationKey, d.Reason));
    }

    [Fact]
    public void Custom_identifier_type_is_read_from_identifiers()
    {
        var d = Decide(Experiment(1, identifierType: "companyId"), new HackleUser("u1") { Identifiers = { ["companyId"] = "c-1" } }, out var t);
        using (t) Assert.Equal(("B", DecisionReason.TrafficAllocated), (d.VariationKey, d.Reason));
    }

    [Fact]
    public void Target_audience_miss_gives_not_in_experiment_target()
    {
        var audiences = Array(Target(Condition("USER_PROPERTY", "country", "IN", "STRING", Array("KR"))));
        var outside = Decide(Experiment(1, targetAudiences: audiences), new HackleUser("u1") { Properties = { ["country"] = "US" } }, out var t1);
        using (t1) Assert.Equal(("A", DecisionReason.NotInExperimentTarget), (outside.VariationKey, outside.Reason));
        var inside = Decide(Experiment(1, targetAudiences: audiences), new HackleUser("u1") { Properties = { ["country"] = "KR" } }, out var t2);
        using (t2) Assert.Equal(("B", DecisionReason.TrafficAllocated), (inside.VariationKey, inside.Reason));
    }

    [Fact]
    public void Missing_bucket_container_or_variation_is_an_exception_with_no_event()
    {
        var missingBucket = Decide(Experiment(1, bucketId: 404), new HackleUser("u1"), out var t1);
        using (t1) Assert.Equal(DecisionReason.Exception, missingBucket.Reason);
        var missingContainer = Decide(Experiment(1, containerId: 404), new HackleUser("u1"), out var t2);
        using (t2) Assert.Equal(DecisionReason.Exception, missingContainer.Reason);
        var missingVariation = Decide(Experiment(1, defaultRule: VariationAction(404)), new HackleUser("u1"), out var t3);
        using (t3)
        {
            Assert.Equal(DecisionReason.Exception, missingVariation.Reason);
            Assert.Empty(t3.Exposures);
        }
    }

    [Fact]
    public void Variation_keys_outside_A_to_J_are_an_exception_as_in_Java()
    {
        var variations = Array(Variation(11, "A"), Variation(12, "K"));
        var d = Decide(Experiment(1, variations: variations), new HackleUser("u1"), out var t);
        using (t) Assert.Equal(("A", DecisionReason.Exception), (d.VariationKey, d.Reason));
    }

    [Fact]
    public void Default_variation_names_another_variation_with_its_parameters()
    {
        var configs = Array(new JsonObject { ["id"] = 77, ["parameters"] = Array(new JsonObject { ["key"] = "color", ["value"] = "red" }) });
        var variations = Array(Variation(11, "A"), Variation(12, "B", parameterConfigurationId: 77));
        var d = Decide(Experiment(1, bucketId: 2, variations: variations), new HackleUser("u1"), out var t, parameterConfigurations: configs, defaultVariation: "B");
        using (t)
        {
            Assert.Equal(("B", DecisionReason.TrafficNotAllocated), (d.VariationKey, d.Reason));
            Assert.Equal("red", d.Config.GetString("color", "none"));
            Assert.Equal(77, Assert.Single(t.Exposures).ParameterConfigurationId);
        }
        var unknownDefault = Decide(Experiment(1, bucketId: 2), new HackleUser("u1"), out var t2, defaultVariation: "J");
        using (t2)
        {
            Assert.Equal(("J", DecisionReason.TrafficNotAllocated), (unknownDefault.VariationKey, unknownDefault.Reason));
            Assert.Null(Assert.Single(t2.Exposures).VariationId);
        }
    }

    [Fact]
    public void Parameter_config_getters_follow_json_types()
    {
        var configs = Array(new JsonObject
        {
            ["id"] = 77,
            ["parameters"] = Array(
                new JsonObject { ["key"] = "s", ["value"] = "text" },
                new JsonObject { ["key"] = "n", ["value"] = 3.9 },
                new JsonObject { ["key"] = "b", ["value"] = true },
                new JsonObject { ["key"] = "o", ["value"] = new JsonObject { ["x"] = 1 } }),
        });
        var variations = Array(Variation(11, "A"), Variation(12, "B", parameterConfigurationId: 77));
        var d = Decide(Experiment(1, variations: variations), new HackleUser("u1"), out var t, parameterConfigurations: configs);
        using (t)
        {
            var config = d.Config;
            Assert.Equal("text", config.GetString("s", "d"));
            Assert.Equal("d", config.GetString("n", "d"));
            Assert.Equal(3, config.GetInt("n", 0));
            Assert.Equal(3L, config.GetLong("n", 0));
            Assert.Equal(3.9, config.GetDouble("n", 0));
            Assert.Equal(-1, config.GetInt("s", -1));
            Assert.True(config.GetBool("b", false));
            Assert.False(config.GetBool("s", false));
            Assert.Equal("d", config.GetString("o", "d"));
            Assert.Equal("d", config.GetString("missing", "d"));
        }
    }

    [Fact]
    public void Missing_parameter_configuration_is_an_exception()
    {
        var variations = Array(Variation(11, "A"), Variation(12, "B", parameterConfigurationId: 404));
        var d = Decide(Experiment(1, variations: variations), new HackleUser("u1"), out var t);
        using (t) Assert.Equal(DecisionReason.Exception, d.Reason);
    }

    [Fact]
    public void Exposure_carries_versions_and_the_user()
    {
        var user = new HackleUser("u1") { Properties = { ["age"] = 30 } };
        var d = Decide(Experiment(1, version: 7, executionVersion: 9), user, out var t);
        using (t)
        {
            var exposure = Assert.Single(t.Exposures);
            Assert.Equal((7, 9), (exposure.ExperimentVersion, exposure.ExecutionVersion));
            Assert.Same(user, exposure.User);
            Assert.Equal(DecisionReason.TrafficAllocated, exposure.Reason);
        }
    }
}
