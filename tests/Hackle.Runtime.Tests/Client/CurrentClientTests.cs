using Hackle;

namespace Hackle.Runtime.Tests.Client;

[CollectionDefinition("ProcessClient", DisableParallelization = true)]
public class ProcessClientCollection
{
}

/// <summary>HackleClient.Current, which the generated accessors use; it is process-wide, so these run alone.</summary>
[Collection("ProcessClient")]
public class CurrentClientTests
{
    [Fact]
    public void Current_is_the_live_client_and_falls_back_to_not_ready_defaults()
    {
        var sink = new InMemoryEventSink();
        var client = HackleClient.Create("current-" + Guid.NewGuid(), new HackleClientOptions { Offline = true, ConfigFilePath = TestPaths.Manifest, EventSink = sink });
        Assert.Same(client, HackleClient.Current);
        Assert.Equal(DecisionReason.Overridden, HackleClient.Current.VariationDetail(42, new HackleUser("qa-tester-1")).Reason);
        client.Dispose();

        // Other test classes may still hold live clients, so which client is current now is not known here;
        // what is known: Current is the registry's current client, else the not-ready stand-in.
        Assert.Same(Hackle.Internal.Client.ClientRegistry.Current ?? Hackle.Internal.Client.NotReadyClient.Instance, HackleClient.Current);
        Assert.NotSame(client, HackleClient.Current);
    }

    [Fact]
    public void The_stand_in_used_before_any_client_exists_returns_defaults_with_sdk_not_ready()
    {
        IHackleClient standIn = Hackle.Internal.Client.NotReadyClient.Instance;
        var user = new HackleUser("u");
        Assert.False(standIn.IsReady);
        Assert.Equal("A", standIn.Variation(42, user));
        Assert.Equal("B", standIn.VariationDetail(42, user, "B").VariationKey);
        Assert.Equal(DecisionReason.SdkNotReady, standIn.VariationDetail(42, user).Reason);
        Assert.False(standIn.IsFeatureOn(7, user));
        Assert.Equal(DecisionReason.SdkNotReady, standIn.FeatureFlagDetail(7, user).Reason);
        Assert.Equal("d", standIn.RemoteConfig(user).GetString("k", "d"));
        Assert.Equal(DecisionReason.SdkNotReady, standIn.RemoteConfigDetail("k", user, "d").Reason);
    }
}
