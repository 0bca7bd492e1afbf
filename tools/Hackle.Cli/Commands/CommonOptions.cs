using System.CommandLine;
using Hackle.Cli.Diff;

namespace Hackle.Cli.Commands;

/// <summary>Options that several commands share, so that they are spelled and explained the same way.</summary>
internal static class CommonOptions
{
    public static Option<string> FailOn()
    {
        var option = new Option<string>("--fail-on")
        {
            Description = "Exit with code 1 when there are breaking changes ('breaking') or any change ('any').",
            DefaultValueFactory = _ => "none",
        };
        option.AcceptOnlyFromAmong(FailOnRules.Names);
        return option;
    }

    public static Option<bool> Json() => new("--json") { Description = "Write the result as JSON to standard output, for scripts and CI." };

    public static Option<string> Archived()
    {
        var option = new Option<string>("--archived")
        {
            Description = "Your HackleFlags_EmitArchived setting: 'obsolete' (finished items become [Obsolete]) or 'omit' (they are left out, so archiving breaks).",
            DefaultValueFactory = _ => "obsolete",
        };
        option.AcceptOnlyFromAmong("obsolete", "omit");
        return option;
    }

    public static Option<string> VariantNames()
    {
        var option = new Option<string>("--variant-names")
        {
            Description = "Your HackleFlags_VariantNames setting: 'key' (enum members A, B, C) or 'name' (from variation names, so renaming a variation breaks).",
            DefaultValueFactory = _ => "key",
        };
        option.AcceptOnlyFromAmong("key", "name");
        return option;
    }

    public static DiffOptions ReadDiffOptions(ParseResult parseResult, Option<string> archived, Option<string> variantNames) =>
        new(OmitArchived: parseResult.GetValue(archived) == "omit", VariantNamesFromNames: parseResult.GetValue(variantNames) == "name");
}
