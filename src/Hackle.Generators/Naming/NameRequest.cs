using Hackle.Generators.Manifest;

namespace Hackle.Generators.Naming
{
    /// <summary>One item that needs an identifier within a scope (a generated class or enum).</summary>
    /// <param name="KindLabel">How messages name the kind of item: "Experiment", "Feature flag", ...</param>
    /// <param name="Display">How messages name the item: <c>'Checkout' (key 42)</c>.</param>
    /// <param name="SourceName">The name to derive the identifier from; null or empty means use <paramref name="Fallback"/>.</param>
    /// <param name="Fallback">A valid identifier for items without a usable name, e.g. <c>Experiment42</c>.</param>
    /// <param name="KeySuffix">A stable, identifier-safe suffix derived from the key, used to break collisions.</param>
    /// <param name="Pinned">A name pinned with HackleFlagName, or null.</param>
    /// <param name="Location">Where the name is written in the manifest.</param>
    /// <param name="PinLocation">Where the pin is written, when there is one.</param>
    /// <param name="PinExample">The attribute that would pin this item's name, for messages.</param>
    internal sealed record NameRequest(
        string KindLabel,
        string Display,
        string? SourceName,
        string Fallback,
        string KeySuffix,
        string? Pinned,
        LocationInfo? Location,
        LocationInfo? PinLocation,
        string PinExample);
}
