using System.CommandLine;
using Hackle.Cli.Init;
using Hackle.Cli.Pull;

namespace Hackle.Cli.Commands;

/// <summary><c>hackle init</c>: adds HackleTyped and a hackle.flags.json to a project, and prints how to start.</summary>
internal static class InitCommand
{
    public static Command Create(ToolConsole console)
    {
        var project = new Option<string>("--project") { Description = "The project file, or its directory. Default: the only .csproj in the current directory.", DefaultValueFactory = _ => "." };
        var sdkKey = PullCommand.SdkKeyOption();
        sdkKey.Description = $"Pull hackle.flags.json with this server SDK key (default: ${PullCommand.SdkKeyVariable}); without a key a sample is written.";
        var sdkUrl = PullCommand.SdkUrlOption();
        var timeout = PullCommand.TimeoutOption();
        var stripOverrides = new Option<bool>("--strip-overrides") { Description = "When pulling, empty the user overrides (they hold real user ids)." };
        var command = new Command("init",
            "Set up a project: add the HackleTyped package reference (HackleTyped.Extensions.Hosting for web and worker projects), " +
            "add hackle.flags.json beside the project file (pulled when a key is given, else a sample), and print the code to start.")
        {
            project, sdkKey, sdkUrl, timeout, stripOverrides,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var located = ProjectLocator.Find(console.ResolvePath(parseResult.GetValue(project)!), out var problem, out var problemCode);
            if (located is null)
            {
                console.Error.WriteLine("error: " + problem);
                return problemCode;
            }
            var manifestPath = Path.Combine(Path.GetDirectoryName(located)!, "hackle.flags.json");
            var manifestDisplay = Path.GetRelativePath(console.CurrentDirectory, manifestPath);
            var hasKey = !string.IsNullOrEmpty(parseResult.GetValue(sdkKey)) || !string.IsNullOrEmpty(console.Environment(PullCommand.SdkKeyVariable));

            // The manifest first: when a pull fails, the project is left as it was.
            if (File.Exists(manifestPath))
            {
                console.Out.WriteLine($"{manifestDisplay} is already there (refresh it with 'hackle pull').");
            }
            else if (hasKey)
            {
                if (!PullCommand.TryReadConnection(console, parseResult, sdkKey, sdkUrl, timeout, out var connection)) return ExitCodes.Usage;
                var request = new PullRequest(connection, manifestPath, manifestDisplay, parseResult.GetValue(stripOverrides),
                    Diff.FailOn.None, Diff.DiffOptions.Default, Json: false, Verbose: false);
                var pulled = await Puller.RunAsync(console, request, cancellationToken);
                if (pulled != ExitCodes.Success) return pulled;
            }
            else
            {
                try
                {
                    File.WriteAllBytes(manifestPath, SampleManifest.Bytes());
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    console.Error.WriteLine($"error: could not write {manifestDisplay}: {e.Message}");
                    return ExitCodes.IoError;
                }
                console.Out.WriteLine($"Wrote a sample {manifestDisplay} (experiment Checkout, flag NewCheckout, parameter welcome_text). Replace it with your workspace's: hackle pull --sdk-key <server SDK key>.");
            }

            ProjectEdit edit;
            try
            {
                edit = ProjectEditor.AddPackageReference(located);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
            {
                console.Error.WriteLine($"error: could not update {Path.GetFileName(located)}: {e.Message}");
                return e is System.Xml.XmlException ? ExitCodes.InvalidInput : ExitCodes.IoError;
            }
            console.Out.WriteLine(edit.Message);
            console.Out.WriteLine();
            console.Out.WriteLine("Start with these two lines (typed accessors are generated from hackle.flags.json at build):");
            foreach (var line in StartCode.Lines(edit.PackageId, manifestPath)) console.Out.WriteLine("    " + line);
            return ExitCodes.Success;
        });
        return command;
    }
}
