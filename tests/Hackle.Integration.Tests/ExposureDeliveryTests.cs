using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// Exposures travel to the HTTP delivery as values in the queue's cells, not as objects: the same exact
/// accounting as for tracked events must hold for them (each delivered once or counted as dropped), and
/// a sink plugged in by the application still gets exposure objects.
/// </summary>
public sealed class ExposureDeliveryTests
{
    private static async Task<FakeHackleServer> ServerAsync()
    {
        var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        return server;
    }

    private static void Decide(IHackleClient client, int count)
    {
        for (var i = 0; i < count; i++) Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User(i)).IsOn);
    }

    private static string[] Users(int count) => Enumerable.Range(0, count).Select(i => "user-" + i).Order().ToArray();

    [Fact]
    public async Task Every_exposure_arrives_exactly_once_despite_injected_5xx()
    {
        await using var server = await ServerAsync();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        server.EventsDefault = context =>
        {
            // Each batch fails the first time it arrives and is accepted when retried.
            var ids = (string[])context.Items[FakeHackleServer.InsertIdsKey]!;
            if (seen.TryAdd(string.Join(",", ids), true)) context.Response.StatusCode = 503;
            return Task.CompletedTask;
        };
        var options = TestClients.Options(server.Url);
        options.EventBatchSize = 10;
        options.RetryMinDelay = TimeSpan.FromMilliseconds(10);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        Assert.True(await client.WaitUntilReadyAsync());

        Decide(client, 95);
        await Eventually.WithinAsync(client.FlushAsync());

        Assert.Equal(95, server.AcceptedInsertIds.Count);
        Assert.All(server.AcceptedInsertIds.Values, count => Assert.Equal(1, count));
        Assert.Equal(Users(95), server.AcceptedEvents.Select(e => e.GetProperty("userId").GetString()!).Order().ToArray());
        Assert.All(server.AcceptedEvents, e => Assert.Equal(Configs.FlagKey, e.GetProperty("experimentKey").GetInt64()));
        // The retries carried the bodies of the first attempts: same insertIds, accepted whole.
        var failed = server.EventRequests.Where(r => r.Status >= 500).ToList();
        Assert.Equal(10, failed.Count);
        Assert.All(failed, f => Assert.Contains(server.EventRequests, r => r.Status == 202 && r.InsertIds.SequenceEqual(f.InsertIds)));
        var stats = client.EventStats;
        Assert.Equal((95L, 95L, 0L, 0L), (stats.Received, stats.Sent, stats.Dropped, stats.Pending));
    }

    [Fact]
    public async Task A_full_queue_drops_exactly_the_exposures_over_capacity()
    {
        await using var server = await ServerAsync();
        var options = TestClients.Options(server.Url);
        options.EventQueueCapacity = 100;
        options.EventBatchSize = 1000;
        options.EventFlushInterval = TimeSpan.FromHours(1);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        Assert.True(await client.WaitUntilReadyAsync());

        Decide(client, 150);
        var stats = client.EventStats;
        Assert.Equal((150L, 50L, 100L), (stats.Received, stats.DroppedQueueFull, stats.Pending));

        await Eventually.WithinAsync(client.DisposeAsync().AsTask());
        Assert.Equal(Users(100), server.AcceptedEvents.Select(e => e.GetProperty("userId").GetString()!).Order().ToArray());
        stats = client.EventStats;
        Assert.Equal((150L, 100L, 50L, 0L), (stats.Received, stats.Sent, stats.Dropped, stats.Pending));
    }

    [Fact]
    public async Task A_custom_sink_gets_exposure_objects_with_every_field()
    {
        var sink = new InMemoryEventSink();
        var options = new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Parse(Configs.Flag(on: true)), EventSink = sink };
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        Decide(client, 3);

        var exposures = sink.Events.Cast<ExposureEvent>().ToList();
        Assert.Equal(3, exposures.Count);
        Assert.Equal(new[] { "user-0", "user-1", "user-2" }, exposures.Select(e => e.User.Id).ToArray());
        Assert.All(exposures, e =>
        {
            Assert.Equal(Configs.FlagKey, e.ExperimentKey);
            Assert.Equal("FEATURE_FLAG", e.ExperimentType);
            Assert.True(Guid.TryParse(e.InsertId, out _));
        });
        // Each call made its own object: the application may keep them.
        Assert.Equal(3, exposures.Distinct().Count());
    }
}
