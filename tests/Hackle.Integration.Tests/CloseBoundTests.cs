using System.Diagnostics;
using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// How long close and process exit wait for an event server that accepts connections and never answers
/// (docs/hosting.md "How long close takes, at most"; README's options table; docs/protocol.md §4.1 "Close"):
/// close at most <c>CloseTimeout</c> (default 10 s) plus one second, process exit at most
/// <c>ProcessExitTimeout</c> (default 2 s); what is given up is logged (1005) and counted as dropped on close.
/// The bounds are upper bounds on a shared machine, so each is asserted with a few seconds of slack; the
/// requests themselves would hang for minutes.
/// </summary>
public sealed class CloseBoundTests
{
    /// <summary>Room for a loaded 2-core machine on top of a documented bound; far below the minutes a hanging request takes.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);

    /// <summary>docs/hosting.md: a request that ignores cancellation at the limit gets one second more.</summary>
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(1);

    public static TheoryData<int?> CloseTimeouts() => new()
    {
        null,    // the documented default, 10 s
        1_500,
    };

    [Theory]
    [MemberData(nameof(CloseTimeouts))]
    public async Task Close_against_a_hanging_event_server_returns_within_CloseTimeout_and_reports_what_it_gave_up(int? closeTimeoutMs)
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        server.EventsDefault = FakeHackleServer.Hang(TimeSpan.FromMinutes(5));
        var logs = new LogCapture();
        var options = TestClients.Options(server.Url, logs);
        options.CloseTimeout = closeTimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : new HackleClientOptions().CloseTimeout;
        options.RequestTimeout = TimeSpan.FromMinutes(2);
        options.EventBatchSize = 100;
        if (closeTimeoutMs is null) Assert.Equal(TimeSpan.FromSeconds(10), options.CloseTimeout);
        var client = HackleClient.Create(TestClients.NewKey(), options);
        Assert.True(await client.WaitUntilReadyAsync());

        for (var i = 0; i < 250; i++) client.Track(new HackleEvent("purchase"), TestClients.User(i));
        // Two batches on the wire (the slot limit), the third waiting for a slot: none of them will ever be answered.
        await Eventually.HoldsAsync(() => server.MaxEventsInFlight == 2, "two batches in flight");

        var clock = Stopwatch.StartNew();
        client.Close();
        clock.Stop();

        var bound = options.CloseTimeout + AbortGrace;
        Assert.True(clock.Elapsed < bound + Slack, $"close took {clock.Elapsed}; documented bound {bound}");
        // A slow server is not given up early: close keeps waiting until its limit (docs/hosting.md "Server slow").
        Assert.True(clock.Elapsed >= options.CloseTimeout - TimeSpan.FromMilliseconds(100), $"close gave up after {clock.Elapsed}, before its limit {options.CloseTimeout}");

        var stats = client.EventStats;
        Assert.Equal((250L, 0L, 250L, 0L), (stats.Received, stats.Sent, stats.DroppedOnClose, stats.Pending));
        Assert.Equal(stats.DroppedOnClose, stats.Dropped);
        var gaveUp = Assert.Single(logs.Entries, e => e.EventId.Id == 1005);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, gaveUp.Level);
        Assert.Contains("close time limit passed", gaveUp.Message);
        // The server was reachable, so nothing is reported as unreachable (1018) or as failed after retries (1014).
        Assert.Equal(0, logs.Count(1018));
        Assert.Equal(0, logs.Count(1014));
    }

    [Fact]
    public async Task A_process_exiting_without_close_against_a_hanging_event_server_ends_within_ProcessExitTimeout()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        server.EventsDefault = FakeHackleServer.Hang(TimeSpan.FromMinutes(5));
        var bound = new HackleClientOptions().ProcessExitTimeout;
        Assert.Equal(TimeSpan.FromSeconds(2), bound);   // the documented default the child runs with

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { typeof(Program).Assembly.Location, Program.ExitWithoutCloseServerHangs, server.Url.ToString(), TestClients.NewKey() },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        try
        {
            using (var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                var line = await child.StandardOutput.ReadLineAsync(ready.Token);
                Assert.True(line == Program.ExitingLine, $"the child said '{line}' (exit code {(child.HasExited ? child.ExitCode : "none yet")})");
            }
            // Main returns now: from here on only the SDK's exit hook can hold the process up.
            var clock = Stopwatch.StartNew();
            using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                await child.WaitForExitAsync(deadline.Token);
            }
            clock.Stop();

            Assert.True(clock.Elapsed < bound + Slack, $"the process took {clock.Elapsed} to exit after Main returned; documented bound {bound}");
            Assert.True(child.ExitCode == 0, $"exit code {child.ExitCode}: {await stderr}");
            // The hook tried: the queued batch reached the server, which held it.
            Assert.True(server.MaxEventsInFlight >= 1, "the exit hook sent nothing");
            Assert.Empty(server.AcceptedInsertIds);
            // What it gave up is reported on stderr (the default without a LoggerFactory) and counted as dropped on close.
            var errors = await stderr;
            Assert.True(errors.Contains("close time limit passed", StringComparison.Ordinal) && errors.Contains("[1005]", StringComparison.Ordinal),
                "expected the 1005 warning on stderr:\n" + errors);
            var output = await child.StandardOutput.ReadToEndAsync();
            var stats = output.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith(Program.StatsLinePrefix, StringComparison.Ordinal));
            Assert.Equal(Program.StatsLinePrefix + new HackleEventStats(5, 0, 0, 0, 0, 0, 5, 0), stats);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }
}
