using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// Decisions hand their exposures, and Track its event, to the delivery without allocating anything: the exposure
/// or track travels as a value into the queue's preallocated cells.
/// </summary>
public sealed class HotPathTests
{
    [Fact]
    public async Task A_decision_with_its_exposure_queued_allocates_nothing()
    {
        await using var clients = await HotPathClients.StartAsync();
        var (offline, online) = (clients.Offline, clients.Online);
        var user = TestClients.User();

        // The offline client counts and discards each exposure; the online one queues it for delivery.
        var discarded = AllocationProbe.PerDecision(offline, user, 5_000);
        var queued = AllocationProbe.PerDecision(online, user, 5_000);

        Assert.True(discarded == 0, $"a decision with its exposure discarded allocates {discarded} B");
        Assert.True(queued == 0, $"a decision with its exposure queued for delivery allocates {queued} B");
        Assert.Equal(0, online.EventStats.DroppedQueueFull);
        Assert.True(online.EventStats.Received >= 5_200, "every decision's exposure reached the delivery");
    }

    [Fact]
    public void A_track_counted_by_the_offline_sink_allocates_nothing()
    {
        var sink = new DiscardingEventSink();
        using var offline = HackleClient.Create(TestClients.NewKey(), new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Parse(Configs.Flag(on: true)), EventSink = sink });
        var user = TestClients.User();
        var purchase = new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } };

        for (var i = 0; i < 200; i++) offline.Track(purchase, user);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5_000; i++) offline.Track(purchase, user);
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / 5_000;

        Assert.True(allocated == 0, $"a track handed to the offline sink allocates {allocated} B");
        Assert.Equal(5_200, sink.DiscardedCount);
    }

    [Fact]
    public async Task A_track_queued_for_http_delivery_allocates_nothing()
    {
        await using var clients = await HotPathClients.StartAsync();
        var online = clients.Online;
        var user = TestClients.User();
        var purchase = new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD", ["amount"] = 800, ["is_discount"] = true } };
        var before = online.EventStats.Received;

        var queued = AllocationProbe.PerTrack(online, purchase, user, 5_000);

        Assert.True(queued == 0, $"a track queued for delivery allocates {queued} B");
        var stats = online.EventStats;
        Assert.Equal(0, stats.DroppedQueueFull);
        var tracked = stats.Received - before;
        Assert.True(tracked >= 5_200 && tracked <= AllocationProbe.MaxCalls(5_000), $"every track reached the delivery once ({tracked})");
    }
}
