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

        // Other test classes may have live clients; only when none is left is the stand-in used.
        if (!HackleClient.Current.IsReady)
        {
            Assert.Equal(("A", DecisionReason.SdkNotReady), (HackleClient.Current.Variation(42, new HackleUser("u")), HackleClient.Current.VariationDetail(42, new HackleUser("u")).Reason));
            Assert.Equal((false, DecisionReason.SdkNotReady), (HackleClient.Current.IsFeatureOn(7, new HackleUser("u")), HackleClient.Current.FeatureFlagDetail(7, new HackleUser("u")).Reason));
            Assert.Equal("d", HackleClient.Current.RemoteConfig(new HackleUser("u")).GetString("k", "d"));
        }
        Assert.NotSame(client, HackleClient.Current);
    }
}
