using System.Diagnostics;
using System.Reflection;
using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// A process stopped by SIGTERM (containers), SIGINT (Ctrl-C) or SIGQUIT still sends what it queued
/// (issue 12, item 3), and still ends the way the signal says: the SDK flushes, it never cancels the signal.
/// Each case runs tests/Hackle.SignalChild as a child process against a loopback server and kills it.
/// </summary>
public sealed class TerminationSignalTests
{
    private const int EventCount = 500;

    public static TheoryData<string, int, string> Cases()
    {
        var cases = new TheoryData<string, int, string>();
        foreach (var framework in new[] { "net10.0", "net8.0" })
        {
            cases.Add("TERM", 15, framework);
            cases.Add("INT", 2, framework);
            cases.Add("QUIT", 3, framework);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_termination_signal_flushes_the_queued_events_and_the_process_still_ends_by_it(string signal, int number, string framework)
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        using var child = StartChild(framework, server.Url);
        try
        {
            var line = await ReadLineAsync(child, TimeSpan.FromSeconds(60));
            Assert.True(line == "tracked", $"the child said '{line}': {await ReadErrorsAsync(child)}");
            Assert.Empty(server.AcceptedInsertIds); // fewer than a batch and no flush tick: nothing sent yet

            Signal(child.Id, signal);

            await WaitForExitAsync(child, TimeSpan.FromSeconds(30));
            // Unix reports a process ended by a signal as 128 + the signal number: nobody cancelled it.
            Assert.Equal(128 + number, child.ExitCode);
            Assert.Equal(EventCount, server.AcceptedInsertIds.Count);
            Assert.All(server.AcceptedInsertIds.Values, times => Assert.Equal(1, times));
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task An_app_that_cancels_SIGTERM_for_a_graceful_shutdown_keeps_a_working_client()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        using var child = StartChild("net10.0", server.Url, "graceful");
        try
        {
            var line = await ReadLineAsync(child, TimeSpan.FromSeconds(60));
            Assert.True(line == "tracked", $"the child said '{line}': {await ReadErrorsAsync(child)}");

            Signal(child.Id, "TERM");

            await WaitForExitAsync(child, TimeSpan.FromSeconds(30));
            // The app's choice stands (it ended on its own, with 0), and the events it tracked after the
            // signal were still accepted and sent: the SDK flushed on the signal, it did not close.
            Assert.True(child.ExitCode == 0, $"exit code {child.ExitCode}: {await child.StandardError.ReadToEndAsync()}");
            Assert.Equal(2 * EventCount, server.AcceptedInsertIds.Count);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    private static Process StartChild(string framework, Uri server, string? mode = null)
    {
        var output = typeof(TerminationSignalTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SignalChildOutput").Value!;
        var app = Path.Combine(output, framework, "Hackle.SignalChild.dll");
        Assert.True(File.Exists(app), app + " was not built");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { app, server.ToString(), TestClients.NewKey(), EventCount.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (mode != null) start.ArgumentList.Add(mode);
        // This machine may have only a newer runtime; the net8.0 build then runs on it, as apps may in production.
        start.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        return Process.Start(start)!;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, pid.ToString() } })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task<string?> ReadLineAsync(Process child, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            return await child.StandardOutput.ReadLineAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return "(nothing within " + limit + ")";
        }
    }

    private static async Task WaitForExitAsync(Process child, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await child.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the child did not end within {limit} of the signal");
        }
    }

    private static async Task<string> ReadErrorsAsync(Process child)
    {
        if (!child.HasExited) return "(still running)";
        return await child.StandardError.ReadToEndAsync();
    }
}
