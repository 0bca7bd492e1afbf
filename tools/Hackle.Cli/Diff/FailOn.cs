namespace Hackle.Cli.Diff;

/// <summary>Which changes make <c>diff</c> (and <c>pull</c>) exit with <see cref="ExitCodes.ChangesFound"/>.</summary>
internal enum FailOn { None, Breaking, Any }

internal static class FailOnRules
{
    public static readonly string[] Names = ["none", "breaking", "any"];

    public static FailOn Parse(string? text) => text switch
    {
        "breaking" => FailOn.Breaking,
        "any" => FailOn.Any,
        _ => FailOn.None,
    };

    public static bool Fails(this FailOn failOn, IReadOnlyList<ManifestChange> changes) => failOn switch
    {
        FailOn.Breaking => changes.Any(c => c.IsBreaking),
        FailOn.Any => changes.Count > 0,
        _ => false,
    };
}
