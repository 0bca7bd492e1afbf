using Hackle.Testing;

namespace TestClientTests;

/// <summary>
/// The workspace fallback decides as the real client does, and every decision and Track is recorded in the event model
/// the real client sends, compared field by field with a real offline client over the same workspace.
/// </summary>
public class RecordingTests
{
    private static readonly HackleWorkspace Workspace = TestWorkspace.Load();

    private static HackleClient RealClient(InMemoryEventSink sink) =>
        HackleClient.Create("testing-recording-" + Guid.NewGuid().ToString("N"), new HackleClientOptions
        {
            Offline = true,
            Workspace = Workspace,
            EventSink = sink,
            LogToStandardError = false,
        });

    private static IEnumerable<HackleUser> Users() => Enumerable.Range(0, 200).Select(i => new HackleUser("user-" + i)
    {
        Properties = { ["grade"] = i % 3 == 0 ? "GOLD" : "SILVER" },
    });

    [Fact]
    public void WithoutForcesTheWorkspaceIsEvaluatedAndRecordedExactlyAsTheRealClientDoes()
    {
        var sink = new InMemoryEventSink();
        using var real = RealClient(sink);
        var test = new HackleTestClient(Workspace);
        foreach (var user in Users())
        {
            foreach (var key in new long[] { 42, 43, 44, 999 })
            {
                Assert.Equal(real.VariationDetail(key, user).ToString(), test.VariationDetail(key, user).ToString());
            }
            foreach (var key in new long[] { 7, 8, 999 })
            {
                Assert.Equal(real.FeatureFlagDetail(key, user).ToString(), test.FeatureFlagDetail(key, user).ToString());
            }
            Assert.Equal(real.RemoteConfigDetail("checkout_banner_text", user, "d").ToString(), test.RemoteConfigDetail("checkout_banner_text", user, "d").ToString());
            Assert.Equal(real.RemoteConfigDetail("free_shipping_threshold", user, 1.0).ToString(), test.RemoteConfigDetail("free_shipping_threshold", user, 1.0).ToString());
            Assert.Equal(real.RemoteConfigDetail("show_recommendations", user, false).ToString(), test.RemoteConfigDetail("show_recommendations", user, false).ToString());
            real.Track(new HackleEvent("purchase") { Value = 3 }, user);
            test.Track(new HackleEvent("purchase") { Value = 3 }, user);
        }

        var expected = sink.Events.Select(Describe).ToArray();
        var actual = test.Events.Select(Describe).ToArray();
        Assert.True(expected.Length > 1000, "the comparison needs events: " + expected.Length);
        Assert.Equal(expected, actual);
        // The decisions really vary, so the equality above compares more than one outcome.
        Assert.True(test.Exposures.For(42).CountsByVariation().Count > 1);
    }

    [Fact]
    public void AForcedDecisionOnAWorkspaceItemCarriesItsIdsLikeAnOverride()
    {
        var test = new HackleTestClient(Workspace).ForceVariation(42, "B").ForceFeature(7, true);
        var user = new HackleUser("user-1");

        var decision = test.VariationDetail(42, user);
        Assert.Equal(DecisionReason.Overridden, decision.Reason);
        Assert.Equal(9001, decision.Config.Id); // variation B's parameter configuration
        test.FeatureFlagDetail(7, user);

        var checkout = Assert.Single(test.Exposures.For(42));
        Assert.Equal((1042L, 3, "AB_TEST", "B", (long?)10422L, (long?)9001L), (checkout.ExperimentId, checkout.ExperimentVersion, checkout.ExperimentType, checkout.VariationKey, checkout.VariationId, checkout.ParameterConfigurationId));
        var flag = Assert.Single(test.Exposures.For(7));
        Assert.Equal(("FEATURE_FLAG", "B", DecisionReason.IndividualTargetMatch), (flag.ExperimentType, flag.VariationKey, flag.Reason));
        Assert.Equal((long?)20072L, flag.VariationId);
        Assert.Same(user, checkout.User);
    }

    [Fact]
    public void AForcedDecisionWithoutAWorkspaceIsRecordedWithTheKeyAndVariation()
    {
        var test = new HackleTestClient().ForceVariation(42, "C");
        var user = new HackleUser("user-1");
        test.VariationDetail(42, user);
        var e = Assert.Single(test.Exposures);
        Assert.Equal((0L, 42L, "AB_TEST", "C", (long?)null, DecisionReason.Overridden), (e.ExperimentId, e.ExperimentKey, e.ExperimentType, e.VariationKey, e.VariationId, e.Reason));
        Assert.Null(e.TargetingRootType);
    }

    [Fact]
    public void TracksAreRecordedWithTheWorkspaceEventTypeLikeTheRealClient()
    {
        var test = new HackleTestClient(Workspace);
        var user = new HackleUser("user-1");
        test.Track(new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } }, user);
        test.Track(new HackleEvent("not_in_workspace"), new HackleUser("user-2"));
        test.Track(new HackleEvent("purchase"), new HackleUser()); // no identifier: ignored, as the real client does

        Assert.Equal(2, test.TrackedEvents.Count);
        var purchase = Assert.Single(test.TrackedEvents.For("purchase"));
        Assert.Equal((3001L, 12.5, "CARD"), (purchase.EventTypeId, purchase.Event.Value, (string?)purchase.Event.Properties["pay_method"]));
        Assert.Equal(0L, test.TrackedEvents.For("not_in_workspace").Single().EventTypeId);
        Assert.Single(test.TrackedEvents.ForUser("user-2"));
        Assert.Empty(test.TrackedEvents.ForUser("user-3"));
    }

    [Fact]
    public void ExposuresCountPerVariationAndPerUser()
    {
        var test = new HackleTestClient().ForceVariation(42, "C", "c-user").ForceVariation(42, "B").ForceVariation(44, "A");
        test.VariationDetail(42, new HackleUser("c-user"));
        test.VariationDetail(42, new HackleUser("u1"));
        test.VariationDetail(42, new HackleUser("u2"));
        test.VariationDetail(44, new HackleUser("u1"));

        Assert.Equal(4, test.Exposures.Count);
        Assert.Equal(new Dictionary<string, int> { ["B"] = 2, ["C"] = 1 }, test.Exposures.For(42).CountsByVariation());
        Assert.Equal(1, test.Exposures.For(42).CountOf("C"));
        Assert.Equal(2, test.Exposures.ForUser("u1").Count);
        Assert.Equal(new long[] { 42, 44 }, test.Exposures.ForUser("u1").Select(e => e.ExperimentKey).ToArray());
    }

    private static string Describe(UserEvent e) => e switch
    {
        ExposureEvent x => $"exposure {x.User.Id} {x.ExperimentId} {x.ExperimentKey} {x.ExperimentType} {x.ExperimentVersion} {x.ExecutionVersion} {x.VariationId} {x.VariationKey} {x.Reason} {x.ParameterConfigurationId} {x.TargetingRootType} {x.TargetingRootId}",
        RemoteConfigEvent r => $"remote-config {r.User.Id} {r.ParameterId} {r.ParameterKey} {r.ParameterType} {r.ValueId} {r.Reason} {r.RequestValueType} {r.RequestDefaultValue} {r.TargetRuleKey} {r.TargetRuleName} {r.ReturnValue}",
        TrackEvent t => $"track {t.User.Id} {t.EventTypeId} {t.Event.Key} {t.Event.Value}",
        _ => e.GetType().Name,
    };
}
