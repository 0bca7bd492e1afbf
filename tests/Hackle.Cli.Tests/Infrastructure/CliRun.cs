using Hackle.Cli;

namespace Hackle.Cli.Tests.Infrastructure;

/// <summary>The result of one in-process run of the tool.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the <c>hackle</c> command line in-process with captured output, a given environment and working directory.</summary>
public sealed class CliRun
{
    public CliRun(string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        WorkingDirectory = workingDirectory;
        Environment = environment ?? new Dictionary<string, string>();
    }

    public string WorkingDirectory { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new ToolConsole(output, error, WorkingDirectory, name => Environment.TryGetValue(name, out var value) ? value : null);
        var exitCode = await HackleCli.RunAsync(args, console, cancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
