using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

[CollectionDefinition(nameof(TrackCloseRace), DisableParallelization = true)]
public sealed class TrackCloseRace;

/// <summary>
/// <c>Track</c> from several threads while another closes the client (docs/hosting.md: "When close returns,
/// EventStats is final … Only events tracked after close change it later, each counted as received and dropped
/// on close at once"; docs/protocol.md §4.1: "Every event ends up counted as sent or dropped by cause"). Each
/// event is counted exactly once: delivered to the server (once, never twice) or dropped with its cause, never
/// lost silently. The race is run many times, closing at a different point of the load each time and by each of
/// Close, Dispose and DisposeAsync.
/// The producers run flat out, so the class runs alone: it would starve the timed tests, and they it.
/// </summary>
[Collection(nameof(TrackCloseRace))]
public sealed class TrackCloseRaceTests
{
    private const int Rounds = 24;
    private const int Producers = 3;

    /// <summary>Tracks each producer still makes once close has returned: they must be counted as dropped on close.</summary>
    private const int TracksAfterClose = 25;

    [Fact]
    public async Task Every_event_tracked_while_the_client_closes_is_sent_once_or_counted_as_dropped()
    {
        var dropCauses = new HashSet<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var outcome = await RunRoundAsync(round);
            dropCauses.UnionWith(outcome);
        }
        // The rounds must have exercised both drop paths, or "counted" would be proved for one cause only.
        Assert.Contains("closed", dropCauses);
        Assert.Contains("queue_full", dropCauses);
    }

    private static async Task<IEnumerable<string>> RunRoundAsync(int round)
    {
        await using var server = await FakeHackleServer.StartAsync();
        var options = TestClients.Options(server.Url);
        options.Workspace = HackleWorkspace.Parse(Configs.Flag(on: true));
        options.PollingInterval = TimeSpan.FromHours(1);
        options.EventBatchSize = 50;
        options.EventFlushInterval = TimeSpan.FromMilliseconds(20);
        // Small enough that the producers outrun it now and then (queue-full drops), large enough to hold a backlog at close.
        options.EventQueueCapacity = 1_000;
        // The server answers at once: nothing may be cut off by the close limit, so every send settles as sent.
        options.CloseTimeout = TimeSpan.FromSeconds(30);
        // Nor by a request timeout on a loaded machine, whose retry would legitimately deliver a batch twice.
        options.RequestTimeout = TimeSpan.FromSeconds(30);
        var client = HackleClient.Create(TestClients.NewKey(), options);
        using var metrics = new DeliveryMetrics(client);

        var calls = new long[Producers];
        var closed = 0;
        var start = new Barrier(Producers + 1);
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var user = TestClients.User(p);
            long seq = 0;
            var afterClose = 0;
            while (afterClose < TracksAfterClose)
            {
                if (Volatile.Read(ref closed) != 0) afterClose++;
                client.Track(new HackleEvent("purchase") { Properties = { ["p"] = p, ["seq"] = seq } }, user);
                seq++;
                Volatile.Write(ref calls[p], seq);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        start.SignalAndWait();
        // Close at a different depth of the load each round: from the first events to a few thousand in.
        var closeAfter = 200 + round * 997 % 4_000;
        while (Total(calls) < closeAfter) Thread.Yield();
        switch (round % 3)
        {
            case 0: client.Close(); break;
            case 1: client.Dispose(); break;
            default: await client.DisposeAsync(); break;
        }
        var atClose = client.EventStats;
        Volatile.Write(ref closed, 1);
        await Task.WhenAll(producers);

        var tracked = Total(calls);
        var stats = client.EventStats;
        var context = $"round {round}, closed after {closeAfter} tracks ({round % 3}): {tracked} tracked; {stats}";

        // Nothing pending, nothing lost silently: every Track is received, then sent or dropped by a cause.
        Assert.True(stats.Received == tracked, "received differs from tracked: " + context);
        Assert.True(stats.Pending == 0, "events left pending: " + context);
        Assert.True(stats.Sent + stats.Dropped == stats.Received, "sent + dropped differs from received: " + context);
        Assert.True((stats.DroppedRejected, stats.DroppedRetriesExhausted, stats.DroppedUnserializable) == (0, 0, 0), "a drop with no cause here: " + context);
        // Close returned with its counts final: the tracks after it only added to received and dropped on close
        // (with sent + dropped == received above, each of them was dropped on close).
        Assert.True(atClose.Pending == 0 && atClose.Sent == stats.Sent && atClose.DroppedQueueFull == stats.DroppedQueueFull, $"counts changed after close ({atClose}): " + context);
        Assert.True(stats.Received - atClose.Received >= Producers * (long)TracksAfterClose, $"too few tracks after close ({atClose}): " + context);

        // The server got exactly the sent events, each once, and each is one the producers tracked.
        var accepted = server.AcceptedInsertIds;
        Assert.True(accepted.Values.All(times => times == 1), "an event was delivered twice: " + context);
        Assert.True(accepted.Count == stats.Sent, $"the server accepted {accepted.Count}: " + context);
        var delivered = server.AcceptedEvents.Select(e => (P: Property(e, "p"), Seq: Property(e, "seq"))).ToList();
        Assert.True(delivered.Distinct().Count() == delivered.Count, "the same Track call reached the server twice: " + context);
        Assert.True(delivered.All(d => d.P >= 0 && d.P < Producers && d.Seq < calls[d.P]), "the server got an event nobody tracked: " + context);

        // The metrics, recorded before the meter is disposed at close, agree with the stats.
        Assert.True(metrics["hackle.events.sent|"] == stats.Sent, $"metric sent {metrics["hackle.events.sent|"]}: " + context);
        Assert.True(metrics["hackle.events.dropped|queue_full"] == stats.DroppedQueueFull, $"metric queue_full {metrics["hackle.events.dropped|queue_full"]}: " + context);
        // Drops on close are metered until the meter is disposed at the end of close; later ones only reach the stats.
        Assert.True(metrics["hackle.events.dropped|closed"] <= atClose.DroppedOnClose, $"metric closed {metrics["hackle.events.dropped|closed"]}: " + context);

        var causes = new List<string>();
        if (stats.DroppedOnClose > 0) causes.Add("closed");
        if (stats.DroppedQueueFull > 0) causes.Add("queue_full");
        return causes;
    }

    private static long Total(long[] calls)
    {
        long total = 0;
        for (var i = 0; i < calls.Length; i++) total += Volatile.Read(ref calls[i]);
        return total;
    }

    private static long Property(System.Text.Json.JsonElement e, string name) => e.GetProperty("properties").GetProperty(name).GetInt64();

    /// <summary>Sums of the client's delivery counters by instrument and cause.</summary>
    private sealed class DeliveryMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _sums = new();

        public DeliveryMetrics(HackleClient client)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Hackle" && ReferenceEquals(instrument.Meter.Scope, client)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var cause = "";
                foreach (var tag in tags) if (tag.Key == "cause") cause = (string)tag.Value!;
                _sums.AddOrUpdate(instrument.Name + "|" + cause, value, (_, sum) => sum + value);
            });
            _listener.Start();
        }

        public long this[string key] => _sums.TryGetValue(key, out var sum) ? sum : 0;

        public void Dispose() => _listener.Dispose();
    }
}
