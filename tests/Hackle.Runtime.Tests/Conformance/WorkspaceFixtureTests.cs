using System.Text.Json;
using Hackle;

namespace Hackle.Runtime.Tests.Conformance;

/// <summary>The upstream end-to-end expectations listed in tests/TestData/conformance/SOURCES.md.</summary>
public class WorkspaceFixtureTests
{
    [Fact]
    public void Container_fixture_allocates_exactly_2452_of_10000_users()
    {
        using var t = TestClient.FromFile(TestPaths.Conformance("ws_container.json"));
        var counts = new Dictionary<DecisionReason, int>();
        for (var i = 0; i < 10000; i++)
        {
            var decision = t.Client.VariationDetail(2, new HackleUser(i.ToString()));
            counts[decision.Reason] = counts.GetValueOrDefault(decision.Reason) + 1;
            Assert.Equal("A", decision.VariationKey);
        }
        Assert.Equal(2452, counts[DecisionReason.TrafficAllocated]);
        Assert.Equal(7548, counts[DecisionReason.NotInMutualExclusionExperiment]);
        Assert.Equal(2, counts.Count);
        Assert.Equal(10000, t.Exposures.Count); // one exposure per call
    }

    [Theory]
    [InlineData("matched_id", "A", DecisionReason.Overridden)]
    [InlineData("not_matched_id", "A", DecisionReason.TrafficAllocated)]
    public void Segment_override_fixture(string id, string variation, DecisionReason reason)
    {
        using var t = TestClient.FromFile(TestPaths.Conformance("ws_segment_match.json"));
        var decision = t.Client.VariationDetail(1, new HackleUser(id));
        Assert.Equal(variation, decision.VariationKey);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void Remote_config_targeted_on_experiments_sends_one_remote_config_event_and_five_exposures()
    {
        using var t = TestClient.FromFile(TestPaths.Conformance("ws_target_experiment.json"));
        var decision = t.Client.RemoteConfigDetail("rc", new HackleUser("user"), "42");

        Assert.Equal("Targeting!!", decision.Value);
        Assert.Equal(DecisionReason.TargetRuleMatch, decision.Reason);
        var events = t.Events.Events;
        Assert.Equal(6, events.Count);
        var rc = Assert.Single(events.OfType<RemoteConfigEvent>());
        Assert.Same(rc, events[0]); // the root event comes first
        Assert.Equal("STRING", rc.RequestValueType);
        Assert.Equal("42", rc.RequestDefaultValue);
        Assert.Equal("rc_1_key", rc.TargetRuleKey);
        Assert.Equal("rc_1_name", rc.TargetRuleName);
        Assert.Equal("Targeting!!", rc.ReturnValue);
        var exposures = events.OfType<ExposureEvent>().ToList();
        Assert.Equal(5, exposures.Count);
        Assert.All(exposures, e =>
        {
            Assert.Equal("REMOTE_CONFIG", e.TargetingRootType);
            Assert.Equal(1, e.TargetingRootId);
            Assert.Equal(rc.Timestamp, e.Timestamp);
        });

        using var payload = JsonDocument.Parse(t.Events.ToPayloadJson());
        var properties = payload.RootElement.GetProperty("remoteConfigEvents")[0].GetProperty("properties");
        Assert.Equal("STRING", properties.GetProperty("requestValueType").GetString());
        Assert.Equal("42", properties.GetProperty("requestDefaultValue").GetString());
        Assert.Equal("rc_1_key", properties.GetProperty("targetRuleKey").GetString());
        Assert.Equal("rc_1_name", properties.GetProperty("targetRuleName").GetString());
        Assert.Equal("Targeting!!", properties.GetProperty("returnValue").GetString());
        foreach (var exposure in payload.RootElement.GetProperty("exposureEvents").EnumerateArray())
        {
            Assert.Equal("REMOTE_CONFIG", exposure.GetProperty("properties").GetProperty("$targetingRootType").GetString());
            Assert.Equal(1, exposure.GetProperty("properties").GetProperty("$targetingRootId").GetInt64());
        }
    }

    [Fact]
    public void Circular_targeting_returns_the_default_with_exception_and_sends_nothing()
    {
        using var t = TestClient.FromFile(TestPaths.Conformance("ws_target_experiment_circular.json"));
        var decision = t.Client.RemoteConfigDetail("rc", new HackleUser("a"), "XXX");
        Assert.Equal("XXX", decision.Value);
        Assert.Equal(DecisionReason.Exception, decision.Reason);
        Assert.Equal(0, t.Events.Count);
    }

    [Theory]
    [InlineData("ws_invalid_config.json")]
    [InlineData("ws_unsupported_type_config.json")]
    public void Unknown_enum_values_drop_only_what_they_belong_to(string file)
    {
        var workspace = HackleWorkspace.Load(TestPaths.Conformance(file));

        // Experiment 1: every target audience had an unknown key/match/operator/value type: all dropped.
        Assert.True(workspace.Experiments.TryGetValue(1, out var experiment));
        Assert.Empty(experiment!.TargetAudiences);
        // Experiment 22 has an unknown execution status and 33 an unknown default-rule action: both dropped.
        Assert.False(workspace.Experiments.ContainsKey(22));
        Assert.False(workspace.Experiments.ContainsKey(33));
        // Flag 1: four rules lose their only condition and one its action: no rule is left.
        Assert.True(workspace.FeatureFlags.TryGetValue(1, out var flag));
        Assert.Empty(flag!.TargetRules);
        Assert.Equal(1, workspace.ExperimentCount);
        Assert.Equal(1, workspace.FeatureFlagCount);
    }

    [Theory]
    [InlineData("ws_config_go.json")]
    [InlineData("ws_config_java.json")]
    [InlineData("ws_container.json")]
    [InlineData("ws_segment_match.json")]
    [InlineData("ws_target_experiment.json")]
    [InlineData("ws_target_experiment_circular.json")]
    public void Every_item_of_every_sample_config_decides_as_its_raw_json_status_says(string file)
    {
        using var t = TestClient.FromFile(TestPaths.Conformance(file));
        // Expectations come from the raw JSON (not from the parsed workspace) and the rules of docs/protocol.md §3.
        using var raw = JsonDocument.Parse(File.ReadAllText(TestPaths.Conformance(file)));
        var users = Enumerable.Range(0, 200).Select(i => new HackleUser("user-" + i) { UserId = "u" + i, DeviceId = "d" + i }).ToList();
        var decided = 0;
        var circular = ItemsOnATargetingCycle(raw.RootElement);
        foreach (var experiment in raw.RootElement.GetProperty("experiments").EnumerateArray())
        {
            var key = experiment.GetProperty("key").GetInt64();
            var status = experiment.GetProperty("execution").GetProperty("status").GetString();
            if (circular.Contains("AB_TEST:" + key)) status = "CIRCULAR";
            var variations = experiment.GetProperty("variations").EnumerateArray().ToList();
            var keys = variations.Select(v => v.GetProperty("key").GetString()).ToList();
            foreach (var user in users)
            {
                var decision = t.Client.VariationDetail(key, user);
                var row = $"{file} experiment {key} ({status}) user {user.Id}";
                switch (status)
                {
                    case "READY":
                        Assert.Equal(("A", DecisionReason.ExperimentDraft), (decision.VariationKey, decision.Reason));
                        break;
                    case "PAUSED":
                        Assert.Equal(("A", DecisionReason.ExperimentPaused), (decision.VariationKey, decision.Reason));
                        break;
                    case "CIRCULAR": // its targeting consults, through other items, its own result
                        Assert.Equal(("A", DecisionReason.Exception), (decision.VariationKey, decision.Reason));
                        break;
                    case "STOPPED":
                        var winnerId = experiment.GetProperty("winnerVariationId").GetInt64();
                        var winner = variations.Single(v => v.GetProperty("id").GetInt64() == winnerId).GetProperty("key").GetString();
                        Assert.Equal((winner, DecisionReason.ExperimentCompleted), (decision.VariationKey, decision.Reason));
                        break;
                    default:
                        Assert.Equal("RUNNING", status);
                        Assert.True(decision.Reason is DecisionReason.TrafficAllocated or DecisionReason.TrafficAllocatedByTargeting
                            or DecisionReason.Overridden or DecisionReason.TrafficNotAllocated or DecisionReason.NotInExperimentTarget
                            or DecisionReason.NotInMutualExclusionExperiment or DecisionReason.VariationDropped, $"{row}: {decision.Reason}");
                        Assert.True(keys.Contains(decision.VariationKey), $"{row}: variation {decision.VariationKey} is not one of the experiment's");
                        break;
                }
                decided++;
            }
        }
        foreach (var flag in raw.RootElement.GetProperty("featureFlags").EnumerateArray())
        {
            var key = flag.GetProperty("key").GetInt64();
            var running = flag.GetProperty("execution").GetProperty("status").GetString() == "RUNNING";
            foreach (var user in users)
            {
                var decision = t.Client.FeatureFlagDetail(key, user);
                if (circular.Contains("FEATURE_FLAG:" + key))
                    Assert.Equal((false, DecisionReason.Exception), (decision.IsOn, decision.Reason));
                else if (running)
                    Assert.True(decision.Reason is DecisionReason.IndividualTargetMatch or DecisionReason.TargetRuleMatch or DecisionReason.DefaultRule,
                        $"{file} flag {key} user {user.Id}: {decision.Reason}");
                else
                    Assert.Equal((false, DecisionReason.FeatureFlagInactive), (decision.IsOn, decision.Reason));
                decided++;
            }
        }
        Assert.Equal(200 * (raw.RootElement.GetProperty("experiments").GetArrayLength() + raw.RootElement.GetProperty("featureFlags").GetArrayLength()), decided);
        Assert.True(decided > 0);
        Assert.Equal(file.Contains("circular") ? 3 : 0, circular.Count);
    }

    /// <summary>"AB_TEST:key"/"FEATURE_FLAG:key" of the items whose targeting conditions lead back to themselves.</summary>
    private static HashSet<string> ItemsOnATargetingCycle(JsonElement root)
    {
        var edges = new Dictionary<string, List<string>>();
        void Collect(JsonElement element, List<string> into)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.Object
                    && key.GetProperty("type").GetString() is "AB_TEST" or "FEATURE_FLAG")
                    into.Add(key.GetProperty("type").GetString() + ":" + key.GetProperty("name").GetString());
                foreach (var property in element.EnumerateObject()) Collect(property.Value, into);
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray()) Collect(item, into);
            }
        }
        foreach (var (array, type) in new[] { ("experiments", "AB_TEST"), ("featureFlags", "FEATURE_FLAG") })
            foreach (var item in root.GetProperty(array).EnumerateArray())
            {
                var targets = new List<string>();
                Collect(item.GetProperty("execution"), targets);
                edges[type + ":" + item.GetProperty("key").GetInt64()] = targets;
            }
        bool Reaches(string from, string to)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(edges.GetValueOrDefault(from) ?? new List<string>());
            while (stack.Count > 0)
            {
                var next = stack.Pop();
                if (next == to) return true;
                if (seen.Add(next)) foreach (var n in edges.GetValueOrDefault(next) ?? new List<string>()) stack.Push(n);
            }
            return false;
        }
        return edges.Keys.Where(k => Reaches(k, k)).ToHashSet();
    }

    [Fact]
    public void Go_sample_config_keeps_statuses_from_execution_and_maps_every_entity()
    {
        var workspace = HackleWorkspace.Load(TestPaths.Conformance("ws_config_go.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.Conformance("ws_config_go.json")));
        var root = doc.RootElement;
        var validStatuses = new[] { "READY", "RUNNING", "PAUSED", "STOPPED" };
        int Expected(string name) => root.GetProperty(name).EnumerateArray()
            .Count(e => validStatuses.Contains(e.GetProperty("execution").GetProperty("status").GetString()));
        Assert.Equal(Expected("experiments"), workspace.ExperimentCount);
        Assert.Equal(Expected("featureFlags"), workspace.FeatureFlagCount);
        Assert.Equal(root.GetProperty("buckets").GetArrayLength(), workspace.Buckets.Count);
        Assert.Equal(root.GetProperty("events").GetArrayLength(), workspace.EventTypes.Count);
        foreach (var e in root.GetProperty("experiments").EnumerateArray())
        {
            var key = e.GetProperty("key").GetInt64();
            var status = e.GetProperty("execution").GetProperty("status").GetString();
            var expected = status switch
            {
                "READY" => Hackle.Internal.Model.ExperimentStatus.Draft,
                "RUNNING" => Hackle.Internal.Model.ExperimentStatus.Running,
                "PAUSED" => Hackle.Internal.Model.ExperimentStatus.Paused,
                _ => Hackle.Internal.Model.ExperimentStatus.Completed,
            };
            Assert.Equal(expected, workspace.Experiments[key].Status);
        }
    }
}
