using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Hackle.Cli.Tests.Infrastructure;

namespace Hackle.Cli.Tests;

/// <summary><c>hackle serve</c> as a command: what it prints, how it stops, and its errors.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ServeCommandTests() => File.Copy(Manifests.CheckoutPath, _temp.File("hackle.flags.json"));

    public void Dispose() => _temp.Dispose();

    /// <summary>Starts the command in the background with thread-safe captured output.</summary>
    private (Task<int> Run, StringWriter Out, StringWriter Error, CancellationTokenSource Stop) Start(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new ToolConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error), _temp.Path, _ => null);
        var stop = new CancellationTokenSource();
        return (Task.Run(() => HackleCli.RunAsync(args, console, stop.Token)), output, error, stop);
    }

    private static string Text(StringWriter writer)
    {
        lock (writer) return writer.ToString();
    }

    [Fact]
    public async Task Prints_its_urls_serves_until_stopped_and_exits_0()
    {
        var (run, output, _, stop) = Start("serve", "--port", "0");
        await Eventually.TrueAsync(() => run.IsCompleted || Text(output).Contains("Press Ctrl+C"), "serve to start");
        var match = Regex.Match(Text(output), @"live page   (http://127\.0\.0\.1:\d+/)");
        Assert.True(match.Success, Text(output));
        Assert.Contains("hackle serve: hackle.flags.json (3 experiments, 2 feature flags, 3 remote-config parameters)", Text(output));

        using var http = new HttpClient();
        var page = await http.GetStringAsync(match.Groups[1].Value);
        stop.Cancel();

        Assert.Contains("<title>hackle serve", page);
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Json_says_where_it_listens_on_one_line()
    {
        var (run, output, _, stop) = Start("serve", "--port", "0", "--json");
        await Eventually.TrueAsync(() => run.IsCompleted || Text(output).Contains('\n'), "serve to start");
        using var started = System.Text.Json.JsonDocument.Parse(Text(output).Split('\n')[0]);
        var url = started.RootElement.GetProperty("url").GetString()!;

        using var http = new HttpClient();
        var received = await http.GetStringAsync(url + "api/received");
        stop.Cancel();

        Assert.Equal(3, started.RootElement.GetProperty("experiments").GetInt32());
        Assert.Contains("\"configRequests\":0", received);
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_process_stops_on_sigterm()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "hackle.dll"), "serve", "--port", "0" }) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            string? line;
            do line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            while (line != null && !line.Contains("Press Ctrl+C"));
            Assert.NotNull(line);

            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_missing_manifest_exits_3_and_says_how_to_get_one()
    {
        var result = await new CliRun(_temp.Path).RunAsync("serve", "--manifest", "missing.json", "--port", "0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("missing.json was not found. Pull one with 'hackle pull'", result.Error);
    }

    [Fact]
    public async Task An_invalid_manifest_exits_3()
    {
        File.WriteAllText(_temp.File("bad.json"), "{ \"experiments\": {} }");

        var result = await new CliRun(_temp.Path).RunAsync("serve", "--manifest", "bad.json", "--port", "0");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("bad.json is not a valid workspace config", result.Error);
    }

    [Fact]
    public async Task A_port_in_use_exits_10()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await new CliRun(_temp.Path).RunAsync("serve", "--port", port.ToString());

        Assert.Equal(10, result.ExitCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", result.Error);
        Assert.Contains("--port", result.Error);
    }

    [Theory]
    [InlineData("--bind", "localhost-ish")]
    [InlineData("--port", "70000")]
    [InlineData("--max-batch-bytes", "10")]
    public async Task Bad_options_exit_2(string option, string value)
    {
        var result = await new CliRun(_temp.Path).RunAsync("serve", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error);
    }

    [Fact]
    public async Task Opening_to_the_network_warns()
    {
        var (run, output, error, stop) = Start("serve", "--port", "0", "--bind", "0.0.0.0");
        await Eventually.TrueAsync(() => run.IsCompleted || Text(output).Contains("Press Ctrl+C"), "serve to start");
        stop.Cancel();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("warning: listening on 0.0.0.0: anyone who can reach this machine", Text(error));
        Assert.Matches(@"live page   http://127\.0\.0\.1:\d+/", Text(output));
    }
}
