using System.Text;
using System.Text.Json.Nodes;
using Hackle.Internal.Model;
using Hackle.Manifest;

namespace Hackle.Runtime.Tests.Parsing;


/// <summary>
/// The parser drops one badly typed or unusable entity and keeps the rest (issue 11 item 2), reads integers
/// as Java's Gson does, and accepts a UTF-8 byte-order mark (issue 11 item 1).
/// </summary>
public class TolerantParsingTests
{
    private static HackleWorkspace Parse(JsonNode config) => HackleWorkspace.Parse(config.ToJsonString());

    private static JsonObject WithKey(JsonNode key, long id)
    {
        var experiment = Config.Experiment(id);
        experiment["key"] = key;
        return experiment;
    }

    [Fact]
    public void A_numeric_string_key_is_read_as_the_number_like_Java_does()
    {
        var workspace = Parse(Config.Workspace(experiments: Config.Array(WithKey("42", 1), WithKey(43.0, 2), WithKey("4.4e1", 3))));

        Assert.Equal(new long[] { 42, 43, 44 }, workspace.Experiments.Keys.Order());
        Assert.Empty(workspace.DroppedItems);
    }

    [Fact]
    public void A_key_that_is_not_an_integer_drops_that_experiment_only_and_says_which_and_why()
    {
        var workspace = Parse(Config.Workspace(
            experiments: Config.Array(Config.Experiment(1), WithKey("not-a-number", 2), WithKey(2.5, 3), WithKey(true, 4), Config.Experiment(5)),
            featureFlags: Config.Array(Config.Experiment(7))));

        Assert.Equal(new long[] { 1, 5 }, workspace.Experiments.Keys.Order());
        Assert.Equal(7, Assert.Single(workspace.FeatureFlags).Key);
        Assert.Equal(3, workspace.DroppedItems.Count);
        Assert.StartsWith("experiments[1] was dropped: 'key' has the wrong JSON type", workspace.DroppedItems[0]);
        Assert.StartsWith("experiments[2] was dropped: 'key'", workspace.DroppedItems[1]);
        Assert.StartsWith("experiments[3] was dropped: 'key'", workspace.DroppedItems[2]);
    }

    [Fact]
    public void A_wrongly_typed_field_deep_inside_an_entity_drops_that_entity_only()
    {
        var badVersion = Config.Experiment(2);
        badVersion["execution"]!["version"] = "v2";
        var badRule = Config.Experiment(3);
        badRule["execution"]!["targetRules"] = Config.Array(Config.Rule(
            Config.Target(Config.Condition("USER_PROPERTY", "age", "GT", "NUMBER", new JsonArray(1))),
            new JsonObject { ["type"] = "VARIATION", ["variationId"] = new JsonObject() }));
        var badParameter = new JsonObject { ["id"] = 2, ["key"] = "broken", ["type"] = "STRING", ["defaultValue"] = new JsonObject { ["id"] = "x", ["value"] = "v" } };
        var goodParameter = new JsonObject { ["id"] = 3, ["key"] = "fine", ["type"] = "STRING", ["defaultValue"] = new JsonObject { ["id"] = 3, ["value"] = "v" } };
        var badBucket = new JsonObject { ["id"] = 9, ["seed"] = 3_000_000_000L, ["slotSize"] = 10000, ["slots"] = new JsonArray() };

        var workspace = Parse(Config.Workspace(
            experiments: Config.Array(Config.Experiment(1), badVersion, badRule),
            remoteConfigParameters: Config.Array(badParameter, goodParameter),
            buckets: Config.Array(Config.BucketDef(1, 7, (0, 10000, 11)), badBucket)));

        Assert.Equal(new long[] { 1 }, workspace.Experiments.Keys.Order());
        Assert.Equal(new[] { "fine" }, workspace.RemoteConfigParameters.Keys);
        Assert.Equal(new long[] { 1 }, workspace.Buckets.Keys);
        Assert.Contains(workspace.DroppedItems, p => p.StartsWith("experiments[1] was dropped: 'execution.version'", StringComparison.Ordinal));
        Assert.Contains(workspace.DroppedItems, p => p.StartsWith("experiments[2] was dropped: 'execution.targetRules[0].action.variationId'", StringComparison.Ordinal));
        Assert.Contains(workspace.DroppedItems, p => p.StartsWith("remoteConfigParameters[0] was dropped: 'defaultValue.id'", StringComparison.Ordinal));
        Assert.Contains(workspace.DroppedItems, p => p.StartsWith("buckets[1] was dropped: 'seed'", StringComparison.Ordinal));
    }

    [Fact]
    public void Experiments_without_a_usable_status_or_default_rule_are_dropped_with_the_shared_reason()
    {
        var noDefaultRule = Config.Experiment(2);
        noDefaultRule["execution"]!.AsObject().Remove("defaultRule");
        var unknownAction = Config.Experiment(3, defaultRule: new JsonObject { ["type"] = "SPLIT" });
        var bucketWithoutId = Config.Experiment(4, defaultRule: new JsonObject { ["type"] = "BUCKET" });
        var noKey = Config.Experiment(5);
        noKey.Remove("key");

        var workspace = Parse(Config.Workspace(
            experiments: Config.Array(Config.Experiment(1), noDefaultRule, unknownAction, bucketWithoutId, noKey, Config.Experiment(6, status: "ARCHIVED")),
            remoteConfigParameters: Config.Array(new JsonObject { ["key"] = "odd", ["type"] = "DATE" })));

        Assert.Equal(new long[] { 1 }, workspace.Experiments.Keys.Order());
        Assert.Empty(workspace.RemoteConfigParameters);
        Assert.Equal(new[]
        {
            "Experiment 'experiment2' (key 2) was dropped: it has no 'execution.defaultRule', so the SDK ignores it",
            "Experiment 'experiment3' (key 3) was dropped: 'execution.defaultRule.type' is 'SPLIT', not VARIATION or BUCKET, so the SDK ignores it",
            "Experiment 'experiment4' (key 4) was dropped: 'execution.defaultRule' is BUCKET without 'bucketId', so the SDK ignores it",
            "experiments[4] was dropped: 'key' is missing",
            "Experiment 'experiment6' (key 6) was dropped: 'execution.status' is 'ARCHIVED', not READY, RUNNING, PAUSED or STOPPED, so the SDK ignores it",
            "Remote-config parameter 'odd' was dropped: 'type' is 'DATE', not STRING, NUMBER, BOOLEAN, VERSION or JSON, so the SDK ignores it",
        }, workspace.DroppedItems);
    }

    [Fact]
    public void Whole_document_problems_still_reject_the_config()
    {
        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("{\"experiments\": 5}"));
        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("{\"buckets\": {}}"));
        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("{\"experiments\": [ {\"key\": 1 ]}"));
        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("{\"experiments\": []} x"));
        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("[]"));
    }

    [Fact]
    public void Variation_keys_are_kept_as_written_and_decisions_normalize_lower_case()
    {
        var experiment = Config.Experiment(1, variations: Config.Array(Config.Variation(11, "a"), Config.Variation(12, "b", dropped: true), Config.Variation(13, "K")));

        var workspace = Parse(Config.Workspace(experiments: Config.Array(experiment), buckets: Config.Array(Config.BucketDef(1, 7, (0, 10000, 11)))));
        var parsed = workspace.Experiments[1];

        Assert.Equal(new[] { "a", "b", "K" }, parsed.Variations.Select(v => v.Key));
        Assert.Equal(new[] { false, true, false }, parsed.Variations.Select(v => v.IsDropped));
        using var client = new TestClient(workspace);
        Assert.Equal("A", client.Client.VariationDetail(1, new HackleUser("u1")).VariationKey);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted_from_bytes_text_and_files()
    {
        var json = Config.Workspace(experiments: Config.Array(Config.Experiment(42))).ToJsonString();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray();

        Assert.Equal(1, HackleWorkspace.Parse(bytes).ExperimentCount);
        Assert.Equal(1, HackleWorkspace.Parse("\uFEFF" + json).ExperimentCount);

        var path = Path.Combine(Path.GetTempPath(), "hackle-bom-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var client = HackleClient.Create("bom-" + Guid.NewGuid().ToString("N"), new HackleClientOptions { Offline = true, ConfigFilePath = path });
            Assert.True(client.IsReady);
            Assert.Equal(1, client.Workspace!.ExperimentCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Condition_value_types_use_the_shared_vocabulary()
    {
        var target = Config.Target(Config.Condition("USER_PROPERTY", "app", "GTE", "VERSION", new JsonArray("1.2.0")));
        var workspace = Parse(Config.Workspace(experiments: Config.Array(Config.Experiment(1, targetAudiences: Config.Array(target)))));

        var condition = Assert.Single(Assert.Single(workspace.Experiments[1].TargetAudiences).Conditions);
        Assert.Equal(ConfigValueType.Version, condition.ValueType);
    }
}
