using Hackle.Integration.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;
using Xunit.Abstractions;

namespace Hackle.Integration.Tests;

/// <summary>Tests that measure the process's allocations run alone, so other tests' work does not blur the figures.</summary>
[CollectionDefinition(nameof(AllocationMeasuring), DisableParallelization = true)]
public sealed class AllocationMeasuring
{
}

/// <summary>
/// Config responses over the size limit, or cut short, cost at most the limit (the body is streamed into a
/// buffer that never grows past it), and the poller backs off on them as it does on errors.
/// </summary>
[Collection(nameof(AllocationMeasuring))]
public sealed class OversizedConfigTests(ITestOutputHelper output)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_declared_64_MiB_body_that_hangs_up_early_does_not_allocate_64_MiB_per_attempt()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.ConfigDefault = async context =>
        {
            context.Response.ContentLength = HackleWorkspace.MaxConfigBytes;
            await context.Response.Body.WriteAsync(new byte[1024]);
            await context.Response.Body.FlushAsync();
            // Long enough for the client to read the headers and start on the body; then hang up.
            await Task.Delay(200);
            context.Abort();
        };
        var logs = new LogCapture();
        var options = TestClients.Options(server.Url, logs);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(100);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count >= 2, "the client is polling");

        const int attempts = 5;
        var (allocated, seen) = await MeasureAsync(server, attempts);
        var perAttempt = allocated / seen;
        output.WriteLine($"declared 64 MiB, hang-up after 1 KiB: {perAttempt / (double)MiB:0.00} MiB allocated per attempt over {seen} attempts");
        Assert.True(perAttempt < 8 * MiB, $"{perAttempt / (double)MiB:0.0} MiB allocated per attempt over {seen} attempts (before the fix: 64.1)");
        Assert.False(client.IsReady);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_cut_off_at_the_limit()
    {
        await using var server = await FakeHackleServer.StartAsync();
        var block = new byte[64 * 1024];
        Array.Fill(block, (byte)' ');
        // No Content-Length: the client finds out only by reading. Twice the default limit of 64 MiB.
        server.ConfigDefault = async context =>
        {
            context.Response.ContentType = "application/json";
            try
            {
                for (var written = 0L; written < 2L * HackleWorkspace.MaxConfigBytes; written += block.Length)
                    await context.Response.Body.WriteAsync(block, context.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException || e is IOException)
            {
            }
        };
        var logs = new LogCapture();
        var options = TestClients.Options(server.Url, logs);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(100);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        await Eventually.HoldsAsync(() => logs.Count(1003) >= 1, "the first oversized body is rejected", TimeSpan.FromSeconds(30));

        var (allocated, seen) = await MeasureAsync(server, 3);
        var perPoll = allocated / seen;
        output.WriteLine($"chunked 128 MiB body, 64 MiB limit: {perPoll / (double)MiB:0.0} MiB allocated per poll over {seen} polls");
        // The buffer stops at the limit: 64 MiB, plus the server's side of the copy over loopback.
        Assert.True(perPoll < 90 * MiB, $"{perPoll / (double)MiB:0.0} MiB allocated per poll over {seen} polls (before the fix: 129.1)");
        Assert.False(client.IsReady);
        Assert.Contains(logs.Entries, e => e.EventId.Id == 1003 && e.Message.Contains("larger than 67108864 bytes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("too_large")]
    [InlineData("malformed")]
    public async Task Too_large_and_malformed_bodies_back_off_like_errors(string kind)
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.ConfigDefault = kind == "too_large"
            ? FakeHackleServer.Body(Configs.Flag(on: true, padding: 8 * 1024), Configs.Date(1))
            : FakeHackleServer.Body("{ \"featureFlags\": [ oops ] }", Configs.Date(1));
        var logs = new LogCapture();
        // On a test clock: each delay is the one the poller set, whatever the machine's speed.
        var clock = new TestClock();
        var options = TestClients.Timed(server.Url, clock, logs);
        options.MaxConfigBytes = 4 * 1024;
        options.PollingInterval = TimeSpan.FromSeconds(1);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        static bool IsPollWait(TimeSpan wait) => wait < TimeSpan.FromMinutes(5);
        var delays = new List<TimeSpan>();
        for (var rejected = 1; rejected <= 6; rejected++)
        {
            var delay = (await clock.WaitForAsync(IsPollWait, rejected, "the delay after a rejected body"))[rejected - 1];
            Assert.Equal(rejected, logs.Count(1003));
            delays.Add(delay);
            // A good config is served from the seventh poll on, which must end the backoff.
            if (rejected == 6)
            {
                server.ConfigDefault = null;
                server.SetConfig(Configs.Flag(on: true), Configs.Date(2));
            }
            clock.Advance(delay);
        }
        output.WriteLine($"{kind}: delays after each rejected body {string.Join(", ", delays.Select(d => $"{d.TotalMilliseconds:0}"))} ms");
        // Rejection n waits RetryMinDelay (1 s) doubled n - 1 times, ±20 %, within [1 s, 8 s]; healthy polling would
        // call every 1 s ±10 %.
        for (var n = 1; n <= 6; n++)
        {
            var nominal = Math.Min(Math.Pow(2, n - 1), 8);
            Assert.InRange(delays[n - 1].TotalSeconds, Math.Max(1, nominal * 0.8), Math.Min(8, nominal * 1.2));
        }
        Assert.True(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), "a good config ends the backoff");
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count == 7, "seven polls, the last one answered");
    }

    /// <summary>Bytes the whole process allocated while the server answered <paramref name="attempts"/> more config requests.</summary>
    private static async Task<(long Allocated, int Seen)> MeasureAsync(FakeHackleServer server, int attempts)
    {
        var before = server.ConfigRequests.Count;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count >= before + attempts, $"{attempts} more attempts", TimeSpan.FromSeconds(60));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (allocated, server.ConfigRequests.Count - before);
    }
}
