namespace Hackle.Generators.Manifest
{
    /// <summary>
    /// Everything the typed accessors need from one hackle.flags.json, as an equatable value.
    /// Items are sorted by key so that output does not depend on the order of the export.
    /// </summary>
    /// <param name="Path">The manifest's path, as the compiler knows it.</param>
    /// <param name="IsValid">False when the file is not JSON or not a workspace config; the item lists are then empty.</param>
    /// <param name="Experiments">A/B tests, sorted by key.</param>
    /// <param name="FeatureFlags">Feature flags, sorted by key.</param>
    /// <param name="RemoteConfigParameters">Remote-config parameters, sorted by key (ordinal).</param>
    /// <param name="Diagnostics">Problems found, in document order.</param>
    internal sealed record ManifestModel(
        string Path,
        bool IsValid,
        EquatableArray<ExperimentModel> Experiments,
        EquatableArray<FeatureModel> FeatureFlags,
        EquatableArray<RemoteConfigModel> RemoteConfigParameters,
        EquatableArray<ManifestDiagnostic> Diagnostics);
}
