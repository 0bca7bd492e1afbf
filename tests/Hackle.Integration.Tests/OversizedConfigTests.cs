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
        var options = TestClients.Options(server.Url, logs);
        options.MaxConfigBytes = 4 * 1024;
        options.PollingInterval = TimeSpan.FromMilliseconds(50);
        options.RetryMinDelay = TimeSpan.FromMilliseconds(50);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(800);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        await Eventually.HoldsAsync(() => server.ConfigRequests.Count >= 6, "six rejected bodies");
        var attempts = server.ConfigRequests;
        // Failure n waits at least 80 % of 50 ms x 2^(n-1): 320 ms after the fifth (healthy polling: 50 ms).
        var gap = attempts[5].At - attempts[4].At;
        output.WriteLine($"{kind}: delays between attempts {string.Join(", ", attempts.Zip(attempts.Skip(1), (a, b) => $"{(b.At - a.At).TotalMilliseconds:0}"))} ms");
        Assert.True(gap >= TimeSpan.FromMilliseconds(300), $"the delay after the fifth rejected body was {gap.TotalMilliseconds} ms");
        Assert.True(logs.Count(1003) >= 6, "each rejected body is logged");
        Assert.False(client.IsReady);

        // A good config ends the backoff.
        server.ConfigDefault = null;
        server.SetConfig(Configs.Flag(on: true), Configs.Date(2));
        Assert.True(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)));
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
