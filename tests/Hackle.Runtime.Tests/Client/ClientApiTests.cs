using Hackle;

namespace Hackle.Runtime.Tests.Client;

/// <summary>The client API: defaults and reasons for every bad input, never an exception into the caller.</summary>
public class ClientApiTests
{
    [Fact]
    public void Null_user_and_user_without_identifiers_are_invalid_input_with_no_event()
    {
        using var t = TestClient.Manifest();
        Assert.Equal(("A", DecisionReason.InvalidInput), Outcome.Of(t.Client.VariationDetail(42, null!)));
        Assert.Equal(("A", DecisionReason.InvalidInput), Outcome.Of(t.Client.VariationDetail(42, new HackleUser("  "))));
        Assert.Equal((false, DecisionReason.InvalidInput), Outcome.Of(t.Client.FeatureFlagDetail(7, new HackleUser())));
        Assert.Equal(("dflt", DecisionReason.InvalidInput), Outcome.Of(t.Client.RemoteConfigDetail("checkout_banner_text", new HackleUser(), "dflt")));
        t.Client.Track(new HackleEvent("purchase"), new HackleUser());
        t.Client.Track(new HackleEvent(null!), new HackleUser("u1"));
        t.Client.Track(null!, new HackleUser("u1"));
        Assert.Equal(0, t.Events.Count);
    }

    [Fact]
    public void Unknown_keys_return_defaults_with_not_found_and_no_event()
    {
        using var t = TestClient.Manifest();
        var user = new HackleUser("u1");
        Assert.Equal(("A", DecisionReason.ExperimentNotFound), Outcome.Of(t.Client.VariationDetail(999, user)));
        Assert.Equal((false, DecisionReason.FeatureFlagNotFound), Outcome.Of(t.Client.FeatureFlagDetail(999, user)));
        Assert.Equal(("x", DecisionReason.RemoteConfigParameterNotFound), Outcome.Of(t.Client.RemoteConfigDetail("nope", user, "x")));
        Assert.Equal(0, t.Events.Count);
    }

    [Fact]
    public void Before_any_config_decisions_are_sdk_not_ready_and_tracks_still_go_out_with_event_type_0()
    {
        using var t = new TestClient((HackleWorkspace?)null);
        Assert.False(t.Client.IsReady);
        Assert.Equal(("A", DecisionReason.SdkNotReady), Outcome.Of(t.Client.VariationDetail(42, new HackleUser("u1"))));
        Assert.Equal((false, DecisionReason.SdkNotReady), Outcome.Of(t.Client.FeatureFlagDetail(7, new HackleUser("u1"))));
        Assert.Equal((true, DecisionReason.SdkNotReady), Outcome.Of(t.Client.RemoteConfigDetail("k", new HackleUser("u1"), true)));
        t.Client.Track("purchase", new HackleUser("u1"));
        var track = Assert.IsType<TrackEvent>(Assert.Single(t.Events.Events));
        Assert.Equal(0, track.EventTypeId);
    }

    [Fact]
    public void Malformed_config_names_the_position_and_keeps_the_last_good_config()
    {
        using var t = TestClient.Manifest();
        Assert.False(t.Client.TryLoadConfig("{\n  \"experiments\": [\n    { \"key\": 1, }\n  ]\n}", out var error));
        Assert.Contains("line 3", error);
        Assert.True(t.Client.IsReady);
        var reason = t.Client.VariationDetail(42, new HackleUser("user-1")).Reason;
        Assert.True(reason is DecisionReason.TrafficAllocated or DecisionReason.TrafficNotAllocated, reason.ToString());

        // A badly typed entity is dropped on its own (Parsing/TolerantParsingTests); broken JSON still rejects the whole config.
        var exception = Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("{\"experiments\": [ {\"key\": 1 ]}"));
        Assert.Equal(1, exception.Line);
        Assert.NotNull(exception.Column);
        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("null"));
        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse("[]"));
        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse(""));
    }

    [Fact]
    public void A_malformed_or_missing_config_file_leaves_the_client_not_ready_without_throwing()
    {
        var path = Path.Combine(Path.GetTempPath(), "hackle-bad-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{ \"experiments\": [ ");
        try
        {
            var exception = Assert.Throws<HackleConfigException>(() => HackleWorkspace.Load(path));
            Assert.Contains(path, exception.Message);
            using var client = HackleClient.Create("bad-file-" + Guid.NewGuid(), new HackleClientOptions { Offline = true, ConfigFilePath = path });
            Assert.False(client.IsReady);
            Assert.Equal(DecisionReason.SdkNotReady, client.VariationDetail(42, new HackleUser("u1")).Reason);
            using var missing = HackleClient.Create("missing-file-" + Guid.NewGuid(), new HackleClientOptions { Offline = true, ConfigFilePath = path + ".missing" });
            Assert.False(missing.IsReady);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unknown_enum_values_in_a_config_do_not_fail_it()
    {
        var json = Config.Workspace(
            experiments: Config.Array(Config.Experiment(1, status: "ARCHIVED_IN_FUTURE"), Config.Experiment(2)),
            buckets: Config.Array(Config.BucketDef(1, 1, (0, 10000, 22)))).ToJsonString();
        using var t = new TestClient(json);
        Assert.Equal(DecisionReason.ExperimentNotFound, t.Client.VariationDetail(1, new HackleUser("u1")).Reason);
        Assert.Equal(("B", DecisionReason.TrafficAllocated), Outcome.Of(t.Client.VariationDetail(2, new HackleUser("u1"))));
    }

    [Fact]
    public void Same_sdk_key_gives_the_same_live_client_until_disposed()
    {
        var key = "same-" + Guid.NewGuid();
        var first = HackleClient.Create(key, new HackleClientOptions { Offline = true });
        Assert.Same(first, HackleClient.Create(key, new HackleClientOptions { Offline = true }));
        first.Dispose();
        first.Dispose(); // safe twice
        first.Close();
        var second = HackleClient.Create(key, new HackleClientOptions { Offline = true });
        Assert.NotSame(first, second);
        second.DisposeAsync().AsTask().Wait();
        Assert.Throws<ArgumentException>(() => HackleClient.Create(" "));
    }

    [Fact]
    public void A_closed_client_still_answers_without_throwing()
    {
        var t = TestClient.Manifest();
        t.Dispose();
        Assert.NotEqual(DecisionReason.Exception, t.Client.VariationDetail(42, new HackleUser("u1")).Reason);
    }

    [Fact]
    public void Remote_config_typed_getters_and_type_mismatch()
    {
        using var t = TestClient.Manifest();
        var gold = new HackleUser("u1") { Properties = { ["grade"] = "GOLD" } };
        var config = t.Client.RemoteConfig(gold);
        Assert.Equal("Gold members ship free today", config.GetString("checkout_banner_text", "none"));
        Assert.Equal("Free shipping on orders over $50", t.Client.RemoteConfig(new HackleUser("u1")).GetString("checkout_banner_text", "none"));
        Assert.Equal(50, config.GetInt("free_shipping_threshold", 0));
        Assert.Equal(50L, config.GetLong("free_shipping_threshold", 0));
        Assert.Equal(50.0, config.GetDouble("free_shipping_threshold", 0));
        Assert.True(config.GetBool("show_recommendations", false));

        var mismatch = t.Client.RemoteConfigDetail("checkout_banner_text", gold, 7.0);
        Assert.Equal((7.0, DecisionReason.TypeMismatch), (mismatch.Value, mismatch.Reason));
        Assert.Equal(-1, config.GetInt("checkout_banner_text", -1));

        var events = t.Events.Events.OfType<RemoteConfigEvent>().ToList();
        Assert.Equal(8, events.Count);
        Assert.Equal(("gold_members", 80012L), (events[0].TargetRuleKey, events[0].ValueId!.Value));
        var mismatchEvent = events[6];
        Assert.Equal((DecisionReason.TypeMismatch, (long?)null, "NUMBER"), (mismatchEvent.Reason, mismatchEvent.ValueId, mismatchEvent.RequestValueType));
    }

    [Fact]
    public void Evaluation_is_safe_while_configs_are_swapped_concurrently()
    {
        using var t = TestClient.Manifest();
        var workspaces = new[] { HackleWorkspace.Load(TestPaths.Manifest), HackleWorkspace.Load(TestPaths.Conformance("ws_container.json")) };
        using var stop = new CancellationTokenSource();
        var swapper = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++) t.Client.SetWorkspace(workspaces[i % 2]);
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            for (var i = 0; i < 20000; i++)
            {
                var reason = t.Client.VariationDetail(42, new HackleUser("user-" + i)).Reason;
                Assert.True(reason is DecisionReason.TrafficAllocated or DecisionReason.TrafficNotAllocated or DecisionReason.ExperimentNotFound or DecisionReason.Overridden, reason.ToString());
            }
        })).ToArray();
        Task.WaitAll(readers);
        stop.Cancel();
        swapper.Wait();
    }
}
