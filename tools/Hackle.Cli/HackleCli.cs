using System.CommandLine;
using Hackle.Cli.Commands;

namespace Hackle.Cli;

/// <summary>The <c>hackle</c> command line: parses the arguments and runs one command.</summary>
internal static class HackleCli
{
    /// <summary>Runs <paramref name="args"/> against <paramref name="console"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, ToolConsole console, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(console);
        if (args.Length == 0)
        {
            // No command: the overview, and the usage exit code, since nothing was done.
            await root.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
            return ExitCodes.Usage;
        }
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors) await console.Error.WriteLineAsync("error: " + error.Message);
            var command = parseResult.CommandResult.Command;
            var name = command is RootCommand ? "hackle" : "hackle " + command.Name;
            await console.Error.WriteLineAsync($"Run '{name} --help' for usage.");
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    public static RootCommand CreateRootCommand(ToolConsole console)
    {
        // Named after the entry assembly, "hackle"; it brings --help, --version and the [suggest] directive for completions.
        var root = new RootCommand(
            "The HackleTyped tool: pull the workspace config into hackle.flags.json, diff two configs for changes that " +
            "break generated code, serve a local Hackle-compatible server with a live page, and set up a project.");
        root.Subcommands.Add(DiffCommand.Create(console));
        root.Subcommands.Add(PullCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(InitCommand.Create(console));
        return root;
    }
}
