using System.Globalization;
using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// Event batches are retried after a 429, a 5xx, a timeout or a network error, with the backoff of
/// docs/protocol.md §1.1 (from <c>RetryMinDelay</c>, doubling, ±20 %, at most <c>RetryMaxDelay</c>) and at
/// least what a <c>Retry-After</c> asks for, up to the same maximum (§4, docs/hosting.md). The client runs on
/// a <see cref="TestClock"/>, so each wait is read exactly from the timer it set, and nothing is retried
/// until the test moves the clock.
/// </summary>
public sealed class EventRetryTests
{
    private static async Task<FakeHackleServer> ServerAsync()
    {
        var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        return server;
    }

    /// <summary>Tracks one full batch (10 events), which is sent at once without waiting for a tick.</summary>
    private static HackleClient ClientWithOneBatch(Uri events, Uri config, TestClock clock, LogCapture? logs = null)
    {
        var options = TestClients.Timed(config, clock, logs);
        options.EventUrl = events;
        options.EventBatchSize = 10;
        var client = HackleClient.Create(TestClients.NewKey(), options);
        for (var i = 0; i < 10; i++) client.Track(new HackleEvent("purchase") { Properties = { ["n"] = i } }, TestClients.User(i));
        return client;
    }

    /// <summary>The first backoff: <c>RetryMinDelay</c> (1 s) +20 % at most, never below the minimum.</summary>
    private static void AssertFirstBackoff(TimeSpan wait) => Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));

    /// <summary>Moves the clock by the wait and checks that the retry carries the same batch and is accepted.</summary>
    private static async Task AdvanceAndExpectDeliveryAsync(TestClock clock, TimeSpan wait, FakeHackleServer server, HackleClient client)
    {
        clock.Advance(wait);
        await Eventually.HoldsAsync(() => client.EventStats.Sent == 10, "the retried batch is delivered");
        Assert.Equal(10, server.AcceptedInsertIds.Count);
        Assert.All(server.AcceptedInsertIds.Values, n => Assert.Equal(1, n));
        var stats = client.EventStats;
        Assert.Equal((10L, 10L, 0L, 0L), (stats.Received, stats.Sent, stats.Dropped, stats.Pending));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_backoff_and_not_before()
    {
        await using var server = await ServerAsync();
        server.ScriptEvents(FakeHackleServer.Status(429));
        var clock = new TestClock();
        await using var client = ClientWithOneBatch(server.Url, server.Url, clock);

        var wait = Assert.Single(await clock.WaitForAsync(TestClients.IsRetryWait, 1, "a retry backoff"));
        AssertFirstBackoff(wait);
        Assert.Equal(429, Assert.Single(server.EventRequests).Status);

        // One tick short of the backoff: still waiting.
        clock.Advance(wait - TimeSpan.FromTicks(1));
        await Task.Delay(200);
        Assert.Single(server.EventRequests);

        await AdvanceAndExpectDeliveryAsync(clock, TimeSpan.FromTicks(1), server, client);
        var requests = server.EventRequests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].InsertIds, requests[1].InsertIds);
    }

    [Fact]
    public async Task Each_5xx_in_a_row_doubles_the_backoff_until_the_retries_run_out()
    {
        await using var server = await ServerAsync();
        server.EventsDefault = FakeHackleServer.Status(500);
        var clock = new TestClock();
        var options = TestClients.Timed(server.Url, clock);
        options.EventBatchSize = 10;
        options.EventMaxRetries = 4;
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        for (var i = 0; i < 10; i++) client.Track(new HackleEvent("purchase"), TestClients.User(i));

        await clock.RunAsync(client.FlushAsync(), TestClients.IsRetryWait, "the flush of a batch answered 500 every time");

        // 1 s, 2 s, 4 s, 8 s (the maximum) ±20 %, each kept within [1 s, 8 s].
        var waits = clock.Waits(TestClients.IsRetryWait);
        Assert.Equal(4, waits.Count);
        for (var n = 1; n <= 4; n++)
        {
            var nominal = Math.Min(Math.Pow(2, n - 1), 8);
            Assert.InRange(waits[n - 1].TotalSeconds, Math.Max(1, nominal * 0.8), Math.Min(8, nominal * 1.2));
        }
        Assert.Equal(5, server.EventRequests.Count);
        Assert.Single(server.EventRequests.Select(r => string.Join(",", r.InsertIds)).Distinct());
        var stats = client.EventStats;
        Assert.Equal((10L, 0L, 10L, 0L), (stats.Received, stats.Sent, stats.DroppedRetriesExhausted, stats.Pending));
    }

    [Theory]
    [InlineData(429, "5", 5)]
    [InlineData(503, "3", 3)]
    // More than RetryMaxDelay (8 s): honoured up to the maximum.
    [InlineData(429, "120", 8)]
    public async Task A_Retry_After_in_seconds_sets_the_wait_up_to_the_maximum(int status, string retryAfter, int expectedSeconds)
    {
        await using var server = await ServerAsync();
        server.ScriptEvents(FakeHackleServer.Status(status, retryAfter));
        var clock = new TestClock();
        await using var client = ClientWithOneBatch(server.Url, server.Url, clock);

        var wait = Assert.Single(await clock.WaitForAsync(TestClients.IsRetryWait, 1, "a retry wait"));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);
        await AdvanceAndExpectDeliveryAsync(clock, wait, server, client);
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(60, 8)]
    public async Task A_Retry_After_date_is_counted_from_the_clients_clock(int secondsAhead, int expectedSeconds)
    {
        await using var server = await ServerAsync();
        var clock = new TestClock();
        // An HTTP date, as a server writes it: the client's clock stands at TestClock.Origin until the test moves it.
        var date = (TestClock.Origin + TimeSpan.FromSeconds(secondsAhead)).ToString("R", CultureInfo.InvariantCulture);
        server.ScriptEvents(FakeHackleServer.Status(503, date));
        await using var client = ClientWithOneBatch(server.Url, server.Url, clock);

        var wait = Assert.Single(await clock.WaitForAsync(TestClients.IsRetryWait, 1, "a retry wait"));
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), wait);
        await AdvanceAndExpectDeliveryAsync(clock, wait, server, client);
    }

    [Fact]
    public async Task A_Retry_After_date_in_the_past_leaves_the_plain_backoff()
    {
        await using var server = await ServerAsync();
        var clock = new TestClock();
        var date = (TestClock.Origin - TimeSpan.FromMinutes(1)).ToString("R", CultureInfo.InvariantCulture);
        server.ScriptEvents(FakeHackleServer.Status(429, date));
        await using var client = ClientWithOneBatch(server.Url, server.Url, clock);

        var wait = Assert.Single(await clock.WaitForAsync(TestClients.IsRetryWait, 1, "a retry wait"));
        AssertFirstBackoff(wait);
        await AdvanceAndExpectDeliveryAsync(clock, wait, server, client);
    }

    [Fact]
    public async Task A_request_that_outlasts_the_timeout_is_given_up_on_the_clients_clock_and_retried()
    {
        await using var server = await ServerAsync();
        // The first request is never answered (until the client hangs up); the retry is accepted.
        server.ScriptEvents(FakeHackleServer.Hang(TimeSpan.FromMinutes(5)));
        var clock = new TestClock();
        var logs = new LogCapture();
        await using var client = ClientWithOneBatch(server.Url, server.Url, clock, logs);

        // The request is on the wire and its timeout (10 min) is a timer on the client's clock: nothing gives up yet.
        await Eventually.HoldsAsync(() => server.MaxEventsInFlight == 1, "the first request reached the server");
        await Task.Delay(200);
        Assert.Empty(clock.Waits(TestClients.IsRetryWait));
        Assert.Equal(0, logs.Count(1013));

        clock.Advance(TimeSpan.FromMinutes(10));
        var wait = Assert.Single(await clock.WaitForAsync(TestClients.IsRetryWait, 1, "a retry backoff after the timeout"));
        AssertFirstBackoff(wait);
        var retrying = Assert.Single(logs.Entries, e => e.EventId.Id == 1013);
        Assert.Contains("no response within 00:10:00", retrying.Message);

        await AdvanceAndExpectDeliveryAsync(clock, wait, server, client);
        // The abandoned request is recorded once the server notices the hang-up, which may come after the retry.
        await Eventually.HoldsAsync(() => server.EventRequests.Count == 2, "both requests are recorded");
        Assert.Equal(new[] { 0, 202 }, server.EventRequests.Select(r => r.Status).Order());
    }

    [Fact]
    public async Task A_network_error_is_retried_after_the_backoff_and_reaches_the_server_once_it_is_back()
    {
        await using var config = await ServerAsync();
        var port = await FakeHackleServer.FreePortAsync();
        var clock = new TestClock();
        var logs = new LogCapture();
        // Nothing listens on the event port: the connection is refused.
        await using var client = ClientWithOneBatch(new Uri($"http://127.0.0.1:{port}/"), config.Url, clock, logs);

        var wait = Assert.Single(await clock.WaitForAsync(TestClients.IsRetryWait, 1, "a retry backoff after a refused connection"));
        AssertFirstBackoff(wait);
        Assert.Single(logs.Entries, e => e.EventId.Id == 1013);
        Assert.Equal(10, client.EventStats.Pending);

        await using var events = await FakeHackleServer.StartAsync(port);
        await AdvanceAndExpectDeliveryAsync(clock, wait, events, client);
        Assert.Single(events.EventRequests);
    }

    [Fact]
    public async Task A_batch_waiting_out_its_backoff_leaves_its_slot_to_the_batches_behind_it()
    {
        await using var server = await ServerAsync();
        // The first two batches fill both delivery slots and are answered 500; every later request is accepted.
        server.ScriptEvents(FakeHackleServer.Status(500));
        server.ScriptEvents(FakeHackleServer.Status(500));
        var clock = new TestClock();
        var options = TestClients.Timed(server.Url, clock);
        options.EventBatchSize = 10;
        options.MaxConcurrentEventBatches = 2;
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        for (var i = 0; i < 20; i++) client.Track(new HackleEvent("purchase"), TestClients.User(i));
        await clock.WaitForAsync(TestClients.IsRetryWait, 2, "both batches backing off");

        // The clock stands still, so both are still waiting: five more batches go out meanwhile.
        for (var i = 20; i < 70; i++) client.Track(new HackleEvent("purchase"), TestClients.User(i));
        await Eventually.HoldsAsync(() => client.EventStats.Sent == 50, "the batches behind the waiting ones are sent");
        Assert.Equal(2, clock.Timers.Count(t => t.Pending && TestClients.IsRetryWait(t.DueTime)));

        await clock.RunAsync(client.FlushAsync(), TestClients.IsRetryWait, "the retries");
        Assert.Equal(70, server.AcceptedInsertIds.Count);
        Assert.All(server.AcceptedInsertIds.Values, n => Assert.Equal(1, n));
        Assert.Equal(9, server.EventRequests.Count);
    }
}
