using Hackle.Manifest;

namespace Hackle.Generators.Manifest
{
    /// <summary>A feature flag of the manifest (an entry of <c>featureFlags</c>).</summary>
    /// <param name="Key">The numeric feature key used by the SDK.</param>
    /// <param name="Name">The dashboard name, or null when the manifest has none.</param>
    /// <param name="Description">The optional description.</param>
    /// <param name="Status">From <c>execution.status</c>.</param>
    /// <param name="WinnerVariationKey">The key of <c>winnerVariationId</c> ("A" = off), or null.</param>
    /// <param name="Location">The <c>name</c> value, or the <c>key</c> value when there is no name.</param>
    internal sealed record FeatureModel(
        long Key,
        string? Name,
        string? Description,
        ItemStatus Status,
        string? WinnerVariationKey,
        LocationInfo Location)
    {
        /// <summary>How messages name the flag: <c>'NewCheckout' (key 7)</c>.</summary>
        public string Display => ItemRules.Display(Name, Key);
    }
}
