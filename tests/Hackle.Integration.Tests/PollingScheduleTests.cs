using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// When the poller calls again (docs/protocol.md §1.1, docs/hosting.md): after an answer, the interval
/// ±10 %; after failures in a row, <c>RetryMinDelay</c> doubled per failure, ±20 %, within
/// [<c>RetryMinDelay</c>, <c>RetryMaxDelay</c>]; after a success the backoff starts again from the minimum.
/// The client runs on a <see cref="TestClock"/>: each delay is the exact due time of the timer the poller set.
/// </summary>
public sealed class PollingScheduleTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(10);

    /// <summary>The poller's waits under <see cref="TestClients.Timed"/> options (request timeouts are 10 min, the flush tick 3 h).</summary>
    private static bool IsPollWait(TimeSpan wait) => wait < TimeSpan.FromMinutes(5);

    private static (HackleClient Client, TestClock Clock) Start(FakeHackleServer server, LogCapture? logs = null)
    {
        var clock = new TestClock();
        var options = TestClients.Timed(server.Url, clock, logs);
        options.PollingInterval = s_interval;
        return (HackleClient.Create(TestClients.NewKey(), options), clock);
    }

    /// <summary>
    /// Waits for the delay the poller set after poll <paramref name="polls"/>, runs <paramref name="beforeNext"/>
    /// (to script the next answer), moves the clock by the delay (so the next poll goes out) and returns it.
    /// </summary>
    private static async Task<TimeSpan> NextDelayAsync(TestClock clock, FakeHackleServer server, int polls, Action? beforeNext = null)
    {
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count == polls, $"poll {polls} answered");
        var delay = (await clock.WaitForAsync(IsPollWait, polls, "a poll delay"))[polls - 1];
        // Not one poll more until the clock gets there.
        Assert.Equal(polls, server.ConfigRequests.Count);
        beforeNext?.Invoke();
        clock.Advance(delay);
        return delay;
    }

    private static void AssertBackoff(int failures, TimeSpan delay)
    {
        // RetryMinDelay 1 s, RetryMaxDelay 8 s (TestClients.Timed).
        var nominal = Math.Min(Math.Pow(2, failures - 1), 8);
        Assert.InRange(delay.TotalSeconds, Math.Max(1, nominal * 0.8), Math.Min(8, nominal * 1.2));
    }

    private static void AssertInterval(TimeSpan delay) =>
        Assert.InRange(delay, s_interval * 0.9, s_interval * 1.1);

    [Fact]
    public async Task Polls_are_spaced_by_the_interval_with_jitter_within_10_percent()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var (client, clock) = Start(server);
        await using var _ = client;

        var delays = new List<TimeSpan>();
        for (var poll = 1; poll <= 12; poll++) delays.Add(await NextDelayAsync(clock, server, poll));

        Assert.All(delays, AssertInterval);
        // Jittered: not every process (nor every poll) calls in step.
        Assert.True(delays.Distinct().Count() > 1, "every delay was " + delays[0]);
        Assert.Equal(new[] { 200 }.Concat(Enumerable.Repeat(304, 11)), server.ConfigRequests.Take(12).Select(r => r.Status));
    }

    [Fact]
    public async Task Failures_in_a_row_double_the_backoff_up_to_the_maximum_and_a_success_resets_it()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        foreach (var status in new[] { 500, 503, 500, 500, 500 }) server.ScriptConfig(FakeHackleServer.Status(status));
        var logs = new LogCapture();
        var (client, clock) = Start(server, logs);
        await using var _ = client;

        // Five failures: about 1, 2, 4, 8 and 8 s (the maximum).
        for (var failures = 1; failures <= 5; failures++)
            AssertBackoff(failures, await NextDelayAsync(clock, server, failures, () => Assert.False(client.IsReady)));

        // The sixth poll gets the config: back to the interval, and the recovery is logged.
        // One failure after the success (scripted for poll 7) starts again from the minimum, not from 8 s.
        AssertInterval(await NextDelayAsync(clock, server, 6, () => server.ScriptConfig(FakeHackleServer.Status(502))));
        Assert.True(client.IsReady);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 1010 && e.Message.Contains("after 5 failures"));
        AssertBackoff(1, await NextDelayAsync(clock, server, 7));
        AssertInterval(await NextDelayAsync(clock, server, 8));

        Assert.Equal(new[] { 500, 503, 500, 500, 500, 200, 502, 304 }, server.ConfigRequests.Take(8).Select(r => r.Status));
    }
}
