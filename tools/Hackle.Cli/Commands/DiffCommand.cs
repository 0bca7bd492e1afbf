using System.CommandLine;
using Hackle.Cli.Diff;

namespace Hackle.Cli.Commands;

/// <summary><c>hackle diff OLD NEW</c>: what changed for the code between two manifests.</summary>
internal static class DiffCommand
{
    public static Command Create(ToolConsole console)
    {
        var oldArgument = new Argument<string>("old") { Description = "The manifest before, e.g. the committed hackle.flags.json." };
        var newArgument = new Argument<string>("new") { Description = "The manifest after, e.g. a freshly pulled one." };
        var failOn = CommonOptions.FailOn();
        var json = CommonOptions.Json();
        var archived = CommonOptions.Archived();
        var variantNames = CommonOptions.VariantNames();
        var source = new Option<string?>("--source")
        {
            Description = "A project's source directory: also list the finished items of the new manifest (completed experiments, " +
                          "paused or completed flags) that its .cs files still decide, by a quick text scan.",
        };
        var command = new Command("diff",
            "Compare two workspace configs for what changes in generated code: experiments, flags, variations and " +
            "remote-config parameters added, removed or renamed, status and type changes. Breaking = generated code " +
            "disappears or changes type.")
        {
            oldArgument, newArgument, failOn, json, archived, variantNames, source,
        };
        command.SetAction(parseResult =>
        {
            var oldPath = parseResult.GetValue(oldArgument)!;
            var newPath = parseResult.GetValue(newArgument)!;
            ManifestSnapshot before, after;
            try
            {
                before = ManifestSnapshotReader.ReadFile(console.ResolvePath(oldPath), oldPath);
                after = ManifestSnapshotReader.ReadFile(console.ResolvePath(newPath), newPath);
            }
            catch (ManifestException e)
            {
                console.Error.WriteLine("error: " + e.Message);
                return ExitCodes.InvalidInput;
            }
            var options = CommonOptions.ReadDiffOptions(parseResult, archived, variantNames);
            var changes = ManifestDiffer.Compare(before, after, options);
            IReadOnlyList<FinishedItemUse>? finished = null;
            if (parseResult.GetValue(source) is { } sourcePath)
            {
                var sourceDirectory = console.ResolvePath(sourcePath);
                if (!Directory.Exists(sourceDirectory))
                {
                    console.Error.WriteLine("error: the source directory " + sourcePath + " was not found.");
                    return ExitCodes.InvalidInput;
                }
                finished = FinishedCallSites.Find(after, sourceDirectory);
            }
            if (parseResult.GetValue(json))
            {
                console.Out.WriteLine(DiffReport.ToJson(changes, finished is null ? null : writer => DiffReport.WriteFinishedJson(writer, finished)));
            }
            else
            {
                DiffReport.WriteTable(console, changes);
                if (finished != null) DiffReport.WriteFinished(console, finished);
            }
            return FailOnRules.Parse(parseResult.GetValue(failOn)).Fails(changes) ? ExitCodes.ChangesFound : ExitCodes.Success;
        });
        return command;
    }
}
