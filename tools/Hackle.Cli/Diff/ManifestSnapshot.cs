namespace Hackle.Cli.Diff;

/// <summary>
/// What generated code is made of, read from one workspace config: the items that get accessors, with
/// the fields that decide their names, types and attributes. Items the SDK would drop (an unknown
/// status, a parameter type without an accessor) are left out, as the generator leaves them out.
/// </summary>
internal sealed record ManifestSnapshot(
    IReadOnlyDictionary<long, FlagItem> Experiments,
    IReadOnlyDictionary<long, FlagItem> FeatureFlags,
    IReadOnlyDictionary<string, ParameterItem> Parameters);

/// <summary>The status names the dashboard shows (READY, RUNNING, PAUSED, STOPPED on the wire).</summary>
internal enum ItemStatus { Draft, Running, Paused, Completed }

/// <summary>An A/B test or feature flag, keyed by its numeric key.</summary>
/// <param name="Variations">By variation key, upper case.</param>
/// <param name="WinnerVariationKey">The key of <c>winnerVariationId</c>, or null.</param>
internal sealed record FlagItem(
    long Key,
    string? Name,
    string? Description,
    ItemStatus Status,
    string? WinnerVariationKey,
    IReadOnlyDictionary<string, VariationItem> Variations);

/// <summary>A variation of an A/B test.</summary>
internal sealed record VariationItem(string Key, string? Name, bool IsDropped);

/// <summary>The C# type of a remote-config accessor.</summary>
internal enum AccessorType { String, Number, Boolean }

/// <summary>A remote-config parameter, keyed by its string key.</summary>
/// <param name="Id">The parameter id, which survives a change of key.</param>
/// <param name="WireType">STRING, NUMBER, BOOLEAN or JSON.</param>
/// <param name="DefaultValue">The default value's JSON text, or null when there is none.</param>
internal sealed record ParameterItem(
    string Key,
    long? Id,
    string WireType,
    AccessorType Type,
    string? DefaultValue,
    string? Description);
