using Hackle.Generators.Manifest;

namespace Hackle.Generators.Model
{
    /// <summary>Which list of the manifest a pinned name applies to; values match the runtime's HackleFlagKind.</summary>
    internal enum FlagKind
    {
        Experiment = 0,
        FeatureFlag = 1,
        RemoteConfig = 2,
    }

    /// <summary>
    /// A name pinned with <c>[assembly: HackleFlagName(kind, key, "Name")]</c>: only plain values and a
    /// location, never the attribute's symbol or syntax.
    /// </summary>
    /// <param name="Kind">The list the key belongs to.</param>
    /// <param name="Key">The key as text (experiment and feature keys are numbers).</param>
    /// <param name="Name">The requested C# name.</param>
    /// <param name="Location">The attribute, for diagnostics.</param>
    internal sealed record NameOverride(FlagKind Kind, string Key, string Name, LocationInfo? Location);
}
