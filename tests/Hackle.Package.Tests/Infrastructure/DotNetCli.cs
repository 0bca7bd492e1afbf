using System.Diagnostics;
using System.Text;

namespace Hackle.Package.Tests.Infrastructure;

/// <summary>What a child process did: its command, exit code and interleaved stdout/stderr.</summary>
public sealed record ProcessResult(string Command, string WorkingDirectory, int ExitCode, bool TimedOut, TimeSpan Elapsed, string Output)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The whole transcript, so an assertion message shows why a build or run failed.</summary>
    public override string ToString() =>
        $"$ {Command}  (in {WorkingDirectory}; {(TimedOut ? "TIMED OUT" : "exit " + ExitCode)} after {Elapsed.TotalSeconds:F1} s)\n{Output}";
}

/// <summary>Runs the dotnet CLI the way a user would, bounded in time and leaving no servers behind.</summary>
internal static class DotNetCli
{
    /// <summary>The host that runs this test (set by `dotnet test`), so children use the same SDK.</summary>
    public static string Host =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Switches for every child build: no node reuse and no compiler server, so nothing lingers on a
    /// shared machine after the test; the classic console logger, whose "file(line,col): warning" lines
    /// the tests read.
    /// </summary>
    public static readonly string[] BuildSwitches = ["-nodeReuse:false", "-p:UseSharedCompilation=false", "-tl:off"];

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);

        // `dotnet test` hands its own MSBuild location and settings to the test host; a child build that
        // inherits them would run inside the parent's MSBuild setup instead of the plain CLI a user has.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";   // the tests read English diagnostics
        return info;
    }

    /// <summary>Runs `dotnet {arguments}` to completion, killing the whole tree when it takes longer than <paramref name="timeout"/>.</summary>
    public static Task<ProcessResult> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(workingDirectory, timeout, new Dictionary<string, string>(), arguments);

    /// <summary>As above, with <paramref name="environment"/> set for the child (for example an isolated NUGET_PACKAGES).</summary>
    public static async Task<ProcessResult> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = StartInfo(workingDirectory, arguments);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var command = "dotnet " + string.Join(' ', arguments.Select(a => a.Contains(' ') ? '"' + a + '"' : a));
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };

        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();   // nothing may wait for input
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var timedOut = false;
        using (var cts = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                Kill(process);
            }
        }
        process.WaitForExit(10_000);   // lets the last redirected lines arrive, bounded
        lock (output)
            return new ProcessResult(command, workingDirectory, timedOut ? -1 : process.ExitCode, timedOut, clock.Elapsed, output.ToString());
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        process.WaitForExit(10_000);
    }
}
