namespace Hackle.Cli.Diff;

/// <summary>Which part of the manifest a change is in.</summary>
internal enum ItemArea { Experiment, FeatureFlag, RemoteConfig }

/// <summary>One change between two manifests.</summary>
/// <param name="Item">How the item is named for people: 'Checkout' (key 42), or the parameter key.</param>
/// <param name="Key">The item's key as text (experiment and flag keys are numbers).</param>
/// <param name="Detail">What changed, e.g. "variation C removed" or "RUNNING → COMPLETED".</param>
/// <param name="Variation">The variation concerned, for variation changes.</param>
internal sealed record ManifestChange(
    ChangeKind Kind,
    ItemArea Area,
    string Key,
    string Item,
    string Detail,
    bool IsBreaking,
    string? Variation = null);
