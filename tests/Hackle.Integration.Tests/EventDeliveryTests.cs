using System.Text.Json;
using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// Event delivery against a real HTTP server (docs/protocol.md §4): batching, retries, accounting, close.
/// Tests that count batches run the client on a <see cref="TestClock"/>: the flush tick never falls due and
/// retries wait until the test moves the clock, so a stalled machine cannot split a batch or add a request.
/// </summary>
public sealed class EventDeliveryTests
{
    private static async Task<FakeHackleServer> ServerAsync()
    {
        var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        return server;
    }

    private static void TrackNumbered(HackleClient client, int count, int from = 0)
    {
        for (var i = from; i < from + count; i++)
            client.Track(new HackleEvent("purchase") { Properties = { ["n"] = i } }, TestClients.User(i));
    }

    /// <summary>
    /// A client on a test clock sending batches of 10, after tracking <paramref name="events"/> numbered events and
    /// flushing them: the clock moves only to the retry backoffs, so the batches are exactly the full ones and
    /// the flush's remainder.
    /// </summary>
    private static async Task<HackleClient> TrackAndFlushAsync(FakeHackleServer server, int events, int retries = 3)
    {
        var clock = new TestClock();
        var options = TestClients.Timed(server.Url, clock);
        options.EventBatchSize = 10;
        options.EventMaxRetries = retries;
        var client = HackleClient.Create(TestClients.NewKey(), options);
        TrackNumbered(client, events);
        await clock.RunAsync(client.FlushAsync(), TestClients.IsRetryWait, "the flush");
        return client;
    }

    private static int Number(JsonElement e) => e.GetProperty("properties").GetProperty("n").GetInt32();

    [Fact]
    public async Task Flush_posts_the_spec_payload_with_the_sdk_headers()
    {
        await using var server = await ServerAsync();
        var key = TestClients.NewKey();
        var options = TestClients.Options(server.Url);
        options.EventFlushInterval = TimeSpan.FromHours(1);
        await using var client = HackleClient.Create(key, options);
        Assert.True(await client.WaitUntilReadyAsync());

        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User(1)).IsOn);
        client.Track(new HackleEvent("purchase") { Value = 12.5 }, TestClients.User(2));
        client.RemoteConfigDetail("missing", TestClients.User(3), "fallback");
        await Eventually.WithinAsync(client.FlushAsync());

        var request = Assert.Single(server.EventRequests);
        Assert.Equal("/api/v2/events", request.Path);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal(key, request.Headers["X-HACKLE-SDK-KEY"]);
        Assert.Equal("dotnet-sdk", request.Headers["X-HACKLE-SDK-NAME"]);
        Assert.True(request.Headers.ContainsKey("X-HACKLE-SDK-VERSION"));
        Assert.True(request.Headers.ContainsKey("X-HACKLE-SDK-TIME"));
        using var body = JsonDocument.Parse(request.Body);
        var exposure = Assert.Single(body.RootElement.GetProperty("exposureEvents").EnumerateArray());
        Assert.Equal(Configs.FlagKey, exposure.GetProperty("experimentKey").GetInt64());
        Assert.Equal("FEATURE_FLAG", exposure.GetProperty("experimentType").GetString());
        Assert.Equal("user-1", exposure.GetProperty("userId").GetString());
        var track = Assert.Single(body.RootElement.GetProperty("trackEvents").EnumerateArray());
        Assert.Equal(Configs.PurchaseEventTypeId, track.GetProperty("eventTypeId").GetInt64());
        Assert.Equal(12.5, track.GetProperty("value").GetDouble());
        Assert.Empty(body.RootElement.GetProperty("remoteConfigEvents").EnumerateArray());
        Assert.Equal(2, client.EventStats.Sent);
    }

    [Fact]
    public async Task A_partial_batch_waits_for_the_flush_tick_of_the_clients_clock()
    {
        await using var server = await ServerAsync();
        var clock = new TestClock();
        var options = TestClients.Timed(server.Url, clock);
        options.EventBatchSize = 10;
        options.EventFlushInterval = TimeSpan.FromSeconds(30);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        TrackNumbered(client, 5);
        // The loop sleeps until the tick: one timer of the flush interval.
        await clock.WaitForAsync(wait => wait == TimeSpan.FromSeconds(30), 1, "the flush tick");
        clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        await Task.Delay(200);
        Assert.Empty(server.EventRequests);

        clock.Advance(TimeSpan.FromTicks(1));
        await Eventually.HoldsAsync(() => client.EventStats.Sent == 5, "the partial batch goes out on the tick");
        Assert.Equal(Enumerable.Range(0, 5), server.AcceptedEvents.Select(Number).Order());
        Assert.Single(server.EventRequests);
    }

    [Fact]
    public async Task Every_event_arrives_exactly_once_despite_injected_5xx()
    {
        await using var server = await ServerAsync();
        // Each batch fails the first time it arrives, with 500 or 503 in turn, and is accepted when retried.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        server.EventsDefault = context =>
        {
            var ids = (string[])context.Items[FakeHackleServer.InsertIdsKey]!;
            if (seen.TryAdd(string.Join(",", ids), true)) context.Response.StatusCode = seen.Count % 2 == 0 ? 500 : 503;
            return Task.CompletedTask;
        };
        await using var client = await TrackAndFlushAsync(server, 95);

        var accepted = server.AcceptedInsertIds;
        Assert.Equal(95, accepted.Count);
        Assert.All(accepted.Values, count => Assert.Equal(1, count));
        Assert.Equal(Enumerable.Range(0, 95), server.AcceptedEvents.Select(Number).Order());
        // Retries carry the same insertIds: every failed batch was later accepted whole.
        var failed = server.EventRequests.Where(r => r.Status >= 500).ToList();
        Assert.Equal(10, failed.Count);
        Assert.Equal(20, server.EventRequests.Count);
        Assert.All(failed, f => Assert.Contains(server.EventRequests, r => r.Status == 202 && r.InsertIds.SequenceEqual(f.InsertIds)));
        var stats = client.EventStats;
        Assert.Equal((95, 95, 0L, 0L), (stats.Received, stats.Sent, stats.Dropped, stats.Pending));
    }

    [Fact]
    public async Task Under_random_5xx_each_event_is_either_delivered_once_or_counted_as_dropped()
    {
        await using var server = await ServerAsync();
        var random = new Random(42);
        server.EventsDefault = context =>
        {
            lock (random)
            {
                if (random.Next(2) == 0) context.Response.StatusCode = 502;
            }
            return Task.CompletedTask;
        };
        await using var client = await TrackAndFlushAsync(server, 200, retries: 1);

        var stats = client.EventStats;
        Assert.Equal(200, stats.Received);
        Assert.Equal(0, stats.Pending);
        Assert.Equal(200, stats.Sent + stats.DroppedRetriesExhausted);
        Assert.Equal(stats.Dropped, stats.DroppedRetriesExhausted);
        Assert.Equal(stats.Sent, server.AcceptedInsertIds.Count);
        Assert.All(server.AcceptedInsertIds.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_is_retried_then_counted_as_dropped()
    {
        await using var server = await ServerAsync();
        server.EventsDefault = FakeHackleServer.Status(500);
        await using var client = await TrackAndFlushAsync(server, 25, retries: 2);

        var stats = client.EventStats;
        Assert.Equal(25, stats.DroppedRetriesExhausted);
        Assert.Equal((25L, 0L, 25L, 0L), (stats.Received, stats.Sent, stats.Dropped, stats.Pending));
        // Three batches (10, 10, 5), each tried 1 + 2 times with the same insertIds.
        var attempts = server.EventRequests.GroupBy(r => string.Join(",", r.InsertIds)).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, batch => Assert.Equal(3, batch.Count()));
        Assert.Empty(server.AcceptedInsertIds);
    }

    [Fact]
    public async Task A_4xx_refuses_the_batch_without_retry_and_counts_it()
    {
        await using var server = await ServerAsync();
        server.EventsDefault = FakeHackleServer.Status(400);
        await using var client = await TrackAndFlushAsync(server, 15);

        Assert.Equal(2, server.EventRequests.Count);
        Assert.Equal(15, client.EventStats.DroppedRejected);
        Assert.Equal(15, client.EventStats.Dropped);
    }

    [Fact]
    public async Task A_full_queue_drops_the_newest_events_and_counts_exactly_the_overflow()
    {
        await using var server = await ServerAsync();
        var options = TestClients.Options(server.Url);
        options.EventQueueCapacity = 100;
        // A batch larger than the queue and a long flush interval keep the queue untouched until close.
        options.EventBatchSize = 1000;
        options.EventFlushInterval = TimeSpan.FromHours(1);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        TrackNumbered(client, 150);
        var stats = client.EventStats;
        Assert.Equal((150L, 50L, 100L), (stats.Received, stats.DroppedQueueFull, stats.Pending));

        await Eventually.WithinAsync(client.DisposeAsync().AsTask());
        Assert.Equal(Enumerable.Range(0, 100), server.AcceptedEvents.Select(Number).Order());
        stats = client.EventStats;
        Assert.Equal((150L, 100L, 50L, 0L), (stats.Received, stats.Sent, stats.Dropped, stats.Pending));
    }

    [Fact]
    public async Task Close_sends_everything_queued_and_later_events_are_counted_as_dropped()
    {
        await using var server = await ServerAsync();
        var options = TestClients.Options(server.Url);
        options.EventFlushInterval = TimeSpan.FromHours(1);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        TrackNumbered(client, 250);
        // Two full batches go at once; the last 50 wait for the flush tick, which is an hour away.
        await Eventually.HoldsAsync(() => server.AcceptedInsertIds.Count == 200, "full batches are sent without waiting for the tick");
        client.Close();

        Assert.Equal(Enumerable.Range(0, 250), server.AcceptedEvents.Select(Number).Order());
        Assert.All(server.AcceptedInsertIds.Values, count => Assert.Equal(1, count));
        client.Close();
        await client.DisposeAsync();
        await Eventually.WithinAsync(client.FlushAsync(), TimeSpan.FromSeconds(2), "a flush after close");
        client.Track(new HackleEvent("purchase"), TestClients.User());
        var stats = client.EventStats;
        Assert.Equal((251L, 250L, 1L, 0L), (stats.Received, stats.Sent, stats.DroppedOnClose, stats.Pending));
        Assert.Equal(250, server.AcceptedInsertIds.Count);
    }

    [Fact]
    public async Task Close_is_bounded_when_the_server_hangs_and_counts_what_it_could_not_send()
    {
        await using var server = await ServerAsync();
        server.EventsDefault = FakeHackleServer.Hang(TimeSpan.FromMinutes(5));
        // The request timeout (10 min) is on a clock that never moves: only the close limit, on the system clock, can end the close.
        var options = TestClients.Timed(server.Url, new TestClock());
        options.EventBatchSize = 10;
        options.CloseTimeout = TimeSpan.FromMilliseconds(500);
        // Not disposed again at the end of the test: a close that hangs must fail the test, not hang the run.
        var client = HackleClient.Create(TestClients.NewKey(), options);

        TrackNumbered(client, 30);
        // The limit plus the second given to sends that ignore cancellation; the bound here only tells a
        // bounded close from one that waits for the server (5 minutes), so it leaves room for a loaded machine.
        await Eventually.WithinAsync(Task.Run(client.Dispose), TimeSpan.FromSeconds(20), "close against a server that never answers");

        // Final the moment close returns: nothing pending, nothing changes later.
        var stats = client.EventStats;
        Assert.Equal((30L, 0L, 30L, 0L), (stats.Received, stats.Sent, stats.DroppedOnClose, stats.Pending));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(stats, client.EventStats);
    }

    [Fact]
    public async Task At_most_two_batches_are_in_flight()
    {
        await using var server = await ServerAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.EventsDefault = async context => await gate.Task.WaitAsync(context.RequestAborted);
        // No flush tick and no request timeout while the test holds the gate: exactly ten full batches.
        var options = TestClients.Timed(server.Url, new TestClock());
        options.EventBatchSize = 10;
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        TrackNumbered(client, 100);
        var flush = client.FlushAsync();
        await Eventually.HoldsAsync(() => server.MaxEventsInFlight == 2, "two batches in flight");
        Assert.False(flush.IsCompleted);
        gate.SetResult();
        await Eventually.WithinAsync(flush);

        Assert.Equal(2, server.MaxEventsInFlight);
        Assert.Equal(100, server.AcceptedInsertIds.Count);
        Assert.Equal(10, server.EventRequests.Count);
    }
}
