using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>Decisions and Track hand events to the delivery without allocating anything but the event.</summary>
public sealed class HotPathTests
{
    private static long AllocatedPerCall(IHackleClient client, HackleUser user, int calls)
    {
        for (var i = 0; i < 200; i++) client.FeatureFlagDetail(Configs.FlagKey, user);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++) client.FeatureFlagDetail(Configs.FlagKey, user);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
    }

    [Fact]
    public async Task Queueing_an_event_allocates_nothing_beyond_the_event_itself()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var user = TestClients.User();
        var offlineOptions = new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Parse(Configs.Flag(on: true)) };
        await using var offline = HackleClient.Create(TestClients.NewKey(), offlineOptions);
        var options = TestClients.Options(server.Url);
        options.EventQueueCapacity = 50_000;
        await using var online = HackleClient.Create(TestClients.NewKey(), options);
        Assert.True(await online.WaitUntilReadyAsync());

        // The offline client discards each event: its cost is the decision and the event object alone.
        var baseline = AllocatedPerCall(offline, user, 5_000);
        var delivered = AllocatedPerCall(online, user, 5_000);

        Assert.True(baseline > 0, "the event object is allocated");
        Assert.True(delivered <= baseline + 8, $"queued delivery allocates {delivered} B per decision, the decision and event alone {baseline} B");
    }
}
