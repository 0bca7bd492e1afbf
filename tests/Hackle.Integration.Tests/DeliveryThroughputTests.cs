using System.Diagnostics;
using Hackle.Integration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Hackle.Integration.Tests;

/// <summary>
/// Throughput under partial server errors: a batch waiting for its retry must not hold a delivery slot,
/// so 30 % of requests answered 500 cost retries, not throughput.
/// </summary>
public sealed class DeliveryThroughputTests(ITestOutputHelper output)
{
    private const int OfferedPerSecond = 4_000;
    private static readonly TimeSpan s_loadTime = TimeSpan.FromSeconds(3);

    /// <summary>Offers a steady load for a few seconds, flushes, closes, and returns the final stats.</summary>
    private static async Task<(HackleEventStats Stats, int Accepted, int Requests)> RunLoadAsync(bool faulty, TimeSpan loadTime)
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        if (faulty)
        {
            // Exactly 3 requests in every 10 are answered 500, whatever they carry (first tries and retries alike).
            var requests = 0;
            server.EventsDefault = context =>
            {
                if (Interlocked.Increment(ref requests) % 10 is 1 or 4 or 7) context.Response.StatusCode = 500;
                return Task.CompletedTask;
            };
        }
        var options = TestClients.Options(server.Url);
        options.EventQueueCapacity = 2_000;
        options.EventBatchSize = 100;
        options.MaxConcurrentEventBatches = 2;
        // Backoffs long against a request on loopback: a retry that holds its slot while it waits stalls the pipe.
        options.RetryMinDelay = TimeSpan.FromMilliseconds(250);
        options.RetryMaxDelay = TimeSpan.FromSeconds(1);
        options.EventMaxRetries = 5;
        options.CloseTimeout = TimeSpan.FromSeconds(10);
        var client = HackleClient.Create(TestClients.NewKey(), options);

        var clock = Stopwatch.StartNew();
        var offered = 0;
        while (clock.Elapsed < loadTime)
        {
            var due = (int)(clock.Elapsed.TotalSeconds * OfferedPerSecond);
            for (; offered < due; offered++)
                client.Track(new HackleEvent("purchase") { Properties = { ["n"] = offered } }, TestClients.User(offered));
            await Task.Delay(5);
        }
        await Eventually.WithinAsync(client.FlushAsync(), TimeSpan.FromSeconds(20), "the flush after the load");
        await Eventually.WithinAsync(client.DisposeAsync().AsTask(), TimeSpan.FromSeconds(15), "close");
        return (client.EventStats, server.AcceptedInsertIds.Count, server.EventRequests.Count);
    }

    [Fact]
    public async Task With_30_percent_5xx_at_least_90_percent_of_the_healthy_rate_is_delivered()
    {
        // A short run first, so that neither measured run pays for JIT compilation and the first connections.
        var warmUp = await RunLoadAsync(faulty: false, TimeSpan.FromSeconds(1));
        output.WriteLine($"warm-up: {warmUp.Stats}");
        // A stall of this shared machine can starve either run for a moment and drop events as queue full, so
        // the pair is measured up to three times; the defect (slots held through backoff) fails every attempt
        // (74 % of the healthy rate before the fix), a stall does not repeat. The accounting holds in every run.
        // A test clock cannot take these attempts away: what is measured is a rate over real time. The defect
        // itself is also caught without timing by EventRetryTests.A_batch_waiting_out_its_backoff_….
        string last = "";
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var healthy = await RunLoadAsync(faulty: false, s_loadTime);
            var faulty = await RunLoadAsync(faulty: true, s_loadTime);
            output.WriteLine($"attempt {attempt}, healthy: {healthy.Stats}; requests {healthy.Requests}");
            output.WriteLine($"attempt {attempt}, 30 % 5xx: {faulty.Stats}; requests {faulty.Requests}");

            foreach (var run in new[] { healthy, faulty })
            {
                var s = run.Stats;
                Assert.Equal(0, s.Pending);
                Assert.Equal(s.Received, s.Sent + s.Dropped);
                // Every event counted as sent reached the server, once (retries carry the same insertIds).
                Assert.Equal(s.Sent, run.Accepted);
            }
            Assert.True(faulty.Requests > faulty.Stats.Sent / 100, "the faulty run retried");

            // The healthy run must deliver (nearly) what it is offered; otherwise the machine could not carry the
            // load and the ratio means little.
            var carried = healthy.Stats.Sent >= healthy.Stats.Received * 0.95;
            var ratio = faulty.Stats.Sent / (double)(healthy.Stats.Sent * faulty.Stats.Received / (double)healthy.Stats.Received);
            output.WriteLine($"attempt {attempt}: delivered with 30 % 5xx / healthy (per event offered): {ratio:P1}");
            if (carried && ratio >= 0.90) return;
            last = carried
                ? $"delivered with 30 % 5xx is {ratio:P1} of the healthy rate: {faulty.Stats}"
                : $"healthy run lost events: {healthy.Stats}";
        }
        Assert.Fail("in three attempts: " + last);
    }
}
