using System.Diagnostics;
using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>A process that exits without closing its client still sends what it queued.</summary>
public sealed class ProcessExitTests
{
    [Fact]
    public async Task Exiting_without_close_flushes_the_queued_events()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { typeof(Program).Assembly.Location, Program.ExitWithoutClose, server.Url.ToString(), TestClients.NewKey() },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var child = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await child.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException("the child process did not exit within 60 s");
        }

        Assert.True(child.ExitCode == 0, $"exit code {child.ExitCode}: {await child.StandardError.ReadToEndAsync()}");
        Assert.Equal(5, server.AcceptedInsertIds.Count);
    }
}
