using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Hackle.Integration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Hackle.Integration.Tests;

/// <summary>
/// Delivery under hostile observers, bad events, overload and close, against a real HTTP server. Every
/// test ends with exact accounting: Received == Sent + Dropped and nothing pending.
/// </summary>
public sealed class DeliveryFaultTests(ITestOutputHelper output)
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

    private static void AssertFinal(HackleEventStats stats)
    {
        Assert.Equal(0, stats.Pending);
        Assert.Equal(stats.Received, stats.Sent + stats.Dropped);
    }

    /// <summary>Listens to one client's "Hackle" instruments: sums by "name|cause", or throws on every measurement.</summary>
    private sealed class Listener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _sums = new();

        public Listener(object client, bool throws)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Hackle" && ReferenceEquals(instrument.Meter.Scope, client)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (throws) throw new InvalidOperationException("a broken metrics exporter");
                var cause = "";
                foreach (var tag in tags) if (tag.Key == "cause") cause = (string)tag.Value!;
                _sums.AddOrUpdate(instrument.Name + "|" + cause, value, (_, sum) => sum + value);
            });
            _listener.Start();
        }

        public long this[string name] => _sums.TryGetValue(name, out var sum) ? sum : 0;

        public long Sum(string prefix) => _sums.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(p => p.Value);

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task A_meter_listener_that_throws_leaks_no_slot_and_the_counts_add_up()
    {
        await using var server = await ServerAsync();
        var logs = new LogCapture();
        var options = TestClients.Options(server.Url, logs);
        options.EventFlushInterval = TimeSpan.FromHours(1);
        var client = HackleClient.Create(TestClients.NewKey(), options);
        using var listener = new Listener(client, throws: true);

        // Decisions and tracks record metrics too: neither may throw into the caller.
        Assert.True(await client.WaitUntilReadyAsync());
        for (var i = 0; i < 50; i++) Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User(i)).IsOn);
        TrackNumbered(client, 2_950);
        await Eventually.WithinAsync(client.FlushAsync(), TimeSpan.FromSeconds(10), "a flush while the listener throws");

        await Eventually.WithinAsync(client.DisposeAsync().AsTask(), what: "close");
        // A leaked slot would hold the close up to its limit, which then logs the events it gave up on.
        Assert.Equal(0, logs.Count(1005));
        var stats = client.EventStats;
        AssertFinal(stats);
        Assert.Equal((3_000L, 3_000L), (stats.Received, stats.Sent));
        Assert.Equal(3_000, server.AcceptedInsertIds.Count);
    }

    [Fact]
    public async Task A_custom_sink_that_throws_never_reaches_the_caller()
    {
        await using var server = await ServerAsync();
        var options = TestClients.Options(server.Url);
        options.EventSink = new ThrowingSink();
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        Assert.True(await client.WaitUntilReadyAsync());

        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User(1)).IsOn);
        client.Track(new HackleEvent("purchase"), TestClients.User(2));
        await Eventually.WithinAsync(client.FlushAsync(), TimeSpan.FromSeconds(5), "a flush of a sink that throws");
        await Eventually.WithinAsync(client.DisposeAsync().AsTask(), TimeSpan.FromSeconds(5), "close of a sink that throws");
    }

    private sealed class ThrowingSink : IHackleEventSink
    {
        public void Enqueue(UserEvent userEvent) => throw new InvalidOperationException("sink down");
        public Task FlushAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("sink down");
        public Task CloseAsync(CancellationToken cancellationToken = default) => Task.FromException(new InvalidOperationException("sink down"));
    }

    private sealed class Hostile(Func<string?> text)
    {
        public override string? ToString() => text();
    }

    [Fact]
    public async Task One_event_that_cannot_be_written_is_dropped_alone_and_counted_under_its_own_cause()
    {
        await using var server = await ServerAsync();
        var options = TestClients.Options(server.Url);
        options.EventBatchSize = 100;
        options.EventFlushInterval = TimeSpan.FromHours(1);
        var client = HackleClient.Create(TestClients.NewKey(), options);

        TrackNumbered(client, 50);
        // '$' system properties keep values of any type, so their ToString runs only when the batch is written.
        client.Track(new HackleEvent("purchase") { Properties = { ["n"] = 50, ["$bad"] = new Hostile(() => throw new FormatException("no text")) } }, TestClients.User(50));
        TrackNumbered(client, 49, from: 51);
        await Eventually.WithinAsync(client.FlushAsync());
        await client.DisposeAsync();

        var stats = client.EventStats;
        AssertFinal(stats);
        Assert.Equal((100L, 99L, 1L, 0L), (stats.Received, stats.Sent, stats.DroppedUnserializable, stats.DroppedRetriesExhausted));
        var numbers = server.AcceptedEvents.Select(e => e.GetProperty("properties").GetProperty("n").GetInt32()).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 100).Where(n => n != 50), numbers);
        Assert.Single(server.EventRequests);
    }

    [Fact]
    public async Task A_system_property_whose_text_is_over_the_limit_is_left_out_of_the_payload()
    {
        await using var server = await ServerAsync();
        var options = TestClients.Options(server.Url);
        var client = HackleClient.Create(TestClients.NewKey(), options);

        var huge = new string('x', 1 << 20);
        var fits = new string('y', HackleProperties.MaxSystemStringLength);
        client.Track(new HackleEvent("purchase") { Properties = { ["$huge"] = new Hostile(() => huge), ["$fits"] = new Hostile(() => fits), ["$null"] = new Hostile(() => null) } }, TestClients.User(1));
        await Eventually.WithinAsync(client.FlushAsync());
        await client.DisposeAsync();

        var request = Assert.Single(server.EventRequests);
        Assert.True(request.Body.Length < 20_000, $"body of {request.Body.Length} characters");
        var properties = Assert.Single(server.AcceptedEvents).GetProperty("properties");
        Assert.False(properties.TryGetProperty("$huge", out _));
        Assert.Equal(fits, properties.GetProperty("$fits").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, properties.GetProperty("$null").ValueKind);
        var stats = client.EventStats;
        AssertFinal(stats);
        Assert.Equal(1, stats.Sent);
    }

    private static readonly Regex s_queueFullWarning = new(@"(\d+) events were dropped since the last warning");

    [Fact]
    public async Task Sustained_overload_warns_while_it_lasts_with_the_drops_since_the_last_warning()
    {
        await using var server = await ServerAsync();
        server.EventsDefault = FakeHackleServer.Hang(TimeSpan.FromMilliseconds(200), FakeHackleServer.Status(202));
        var logs = new LogCapture();
        // The warning interval (10 s) runs on the client's clock: it passes when the test says so.
        var clock = new TestClock();
        var options = TestClients.Timed(server.Url, clock, logs);
        options.EventQueueCapacity = 200;
        options.EventBatchSize = 50;
        options.CloseTimeout = TimeSpan.FromSeconds(10);
        var client = HackleClient.Create(TestClients.NewKey(), options);

        // Three 10-second stretches of overload, each far more than two batches of 50 per 200 ms can carry:
        // a warning in each, and only one however many events are dropped within it.
        const int stretches = 3;
        var offered = 0;
        for (var stretch = 1; stretch <= stretches; stretch++)
        {
            for (var burst = 1; burst <= 3; burst++)
            {
                TrackNumbered(client, 500, from: offered);
                offered += 500;
                if (burst == 1) await Eventually.HoldsAsync(() => logs.Count(1015) == stretch, $"the warning of stretch {stretch}");
            }
            // The later bursts dropped events too; a warning for them would be written by now (on the thread pool).
            await Task.Delay(200);
            Assert.Equal(stretch, logs.Count(1015));
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        await Eventually.WithinAsync(client.DisposeAsync().AsTask(), TimeSpan.FromSeconds(15), "close");

        var stats = client.EventStats;
        AssertFinal(stats);
        Assert.Equal(offered, stats.Received);
        Assert.True(stats.DroppedQueueFull > offered / 2, stats.ToString());
        // Each warning carries the drops since the one before; close reports the rest, so they add up exactly.
        var warned = logs.Entries.Where(e => e.EventId.Id == 1015).Select(e => long.Parse(s_queueFullWarning.Match(e.Message).Groups[1].Value)).ToList();
        output.WriteLine($"{stats}; warnings: {string.Join(", ", warned)}");
        Assert.Equal(stats.DroppedQueueFull, warned.Sum());
        // Rate-limited: one per stretch, and close reports what came after the last one (if anything did).
        Assert.InRange(warned.Count, stretches, stretches + 1);
    }

    [Fact]
    public async Task The_queue_holds_no_more_than_its_byte_budget_and_counts_the_rest_as_dropped()
    {
        await using var server = await ServerAsync();
        var options = TestClients.Options(server.Url);
        options.EventQueueMaxBytes = 1 << 20;
        options.EventBatchSize = 1_000;
        options.EventFlushInterval = TimeSpan.FromHours(1);
        var client = HackleClient.Create(TestClients.NewKey(), options);

        // About 20 kB each in the payload: 20 properties of 1,000 characters.
        for (var i = 0; i < 200; i++)
        {
            var e = new HackleEvent("purchase") { Properties = { ["n"] = i } };
            for (var p = 0; p < 20; p++) e.Properties["p" + p] = new string((char)('a' + p), 1_000);
            client.Track(e, TestClients.User(i));
        }
        var queued = client.EventStats;
        Assert.Equal(200, queued.Received);
        Assert.Equal(queued.Received, queued.Pending + queued.DroppedQueueFull);
        // 1 MiB holds about 50 such events (the estimate counts characters and the JSON around them).
        Assert.InRange(queued.Pending, 40, 52);

        await Eventually.WithinAsync(client.DisposeAsync().AsTask());
        var stats = client.EventStats;
        AssertFinal(stats);
        Assert.Equal((queued.Pending, queued.DroppedQueueFull), (stats.Sent, stats.DroppedQueueFull));
        var numbers = server.AcceptedEvents.Select(e => e.GetProperty("properties").GetProperty("n").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(0, (int)queued.Pending), numbers);
        var bodyBytes = server.EventRequests.Sum(r => (long)System.Text.Encoding.UTF8.GetByteCount(r.Body));
        output.WriteLine($"{stats}; {bodyBytes} bytes of body");
        Assert.True(bodyBytes <= options.EventQueueMaxBytes, $"{bodyBytes} bytes sent from a 1 MiB queue");
    }

    [Fact]
    public async Task Close_returns_with_nothing_in_flight_and_the_metrics_carry_the_final_counts()
    {
        await using var server = await ServerAsync();
        server.EventsDefault = FakeHackleServer.Hang(TimeSpan.FromMilliseconds(300), FakeHackleServer.Status(202));
        var options = TestClients.Options(server.Url);
        options.EventBatchSize = 100;
        var client = HackleClient.Create(TestClients.NewKey(), options);
        using var listener = new Listener(client, throws: false);

        TrackNumbered(client, 1_000);
        await client.DisposeAsync();

        var stats = client.EventStats;
        AssertFinal(stats);
        Assert.Equal((1_000L, 1_000L), (stats.Received, stats.Sent));
        Assert.Equal(1_000, server.AcceptedInsertIds.Count);
        Assert.Equal(stats.Sent, listener["hackle.events.sent|"]);
        Assert.Equal(0, listener.Sum("hackle.events.dropped|"));
        await Task.Delay(500);
        Assert.Equal(stats, client.EventStats);
    }

    [Fact]
    public async Task Close_past_its_limit_counts_the_batches_in_flight_as_dropped_in_the_stats_and_the_metrics()
    {
        await using var server = await ServerAsync();
        server.EventsDefault = FakeHackleServer.Hang(TimeSpan.FromMinutes(5));
        var options = TestClients.Options(server.Url);
        options.EventBatchSize = 100;
        options.RequestTimeout = TimeSpan.FromSeconds(30);
        options.CloseTimeout = TimeSpan.FromMilliseconds(500);
        var client = HackleClient.Create(TestClients.NewKey(), options);
        using var listener = new Listener(client, throws: false);

        TrackNumbered(client, 1_000);
        await Eventually.HoldsAsync(() => server.MaxEventsInFlight == 2, "two batches in flight");
        await client.DisposeAsync();

        var stats = client.EventStats;
        AssertFinal(stats);
        Assert.Equal((1_000L, 0L, 1_000L), (stats.Received, stats.Sent, stats.DroppedOnClose));
        Assert.Equal(1_000, listener["hackle.events.dropped|closed"]);
        Assert.Equal(1_000, listener.Sum("hackle.events.dropped|"));
        await Task.Delay(500);
        Assert.Equal(stats, client.EventStats);
    }
}
