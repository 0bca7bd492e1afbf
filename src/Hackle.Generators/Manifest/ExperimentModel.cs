using Hackle.Manifest;

namespace Hackle.Generators.Manifest
{
    /// <summary>
    /// An A/B test of the manifest (an entry of <c>experiments</c>).
    /// </summary>
    /// <param name="Key">The numeric experiment key used by the SDK.</param>
    /// <param name="Name">The dashboard name, or null when the manifest has none.</param>
    /// <param name="Description">The optional description.</param>
    /// <param name="Status">From <c>execution.status</c>.</param>
    /// <param name="Variations">Sorted by key (ordinal), control "A" first; keys normalized to upper case.</param>
    /// <param name="WinnerVariationKey">The key of <c>winnerVariationId</c>, or null.</param>
    /// <param name="Location">The <c>name</c> value, or the <c>key</c> value when there is no name.</param>
    internal sealed record ExperimentModel(
        long Key,
        string? Name,
        string? Description,
        ItemStatus Status,
        EquatableArray<VariationModel> Variations,
        string? WinnerVariationKey,
        LocationInfo Location)
    {
        /// <summary>How messages name the experiment: <c>'Checkout' (key 42)</c>.</summary>
        public string Display => ItemRules.Display(Name, Key);
    }

    /// <summary>A variation of an experiment or feature flag.</summary>
    /// <param name="Key">"A".."J".</param>
    /// <param name="Name">The optional variation name.</param>
    /// <param name="IsDropped">True when the variation's status is DROPPED.</param>
    /// <param name="Location">The variation's <c>key</c> value.</param>
    /// <param name="IsOverrideTarget">True when a user override names it or a segment override can give it (one that buckets can give
    /// any variation); overrides apply whatever the variation's status, so such a variation can still be decided when dropped.</param>
    internal sealed record VariationModel(string Key, string? Name, bool IsDropped, LocationInfo Location, bool IsOverrideTarget = false);
}
