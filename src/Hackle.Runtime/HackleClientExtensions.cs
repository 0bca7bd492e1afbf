namespace Hackle
{
    /// <summary>The short forms of the Hackle SDK guide, over the detail methods of <see cref="IHackleClient"/>.</summary>
    public static class HackleClientExtensions
    {
        /// <summary>The user's variation key of an A/B test ("A" when it cannot be decided).</summary>
        public static string Variation(this IHackleClient client, long experimentKey, HackleUser user, string defaultVariation = "A") =>
            client.VariationDetail(experimentKey, user, defaultVariation).VariationKey;

        /// <summary>True when the feature flag is on for the user (off when it cannot be decided).</summary>
        public static bool IsFeatureOn(this IHackleClient client, long featureKey, HackleUser user) =>
            client.FeatureFlagDetail(featureKey, user).IsOn;

        /// <summary>Tracks an event by key.</summary>
        public static void Track(this IHackleClient client, string eventKey, HackleUser user) =>
            client.Track(new HackleEvent(eventKey), user);

        /// <summary>The remote config of a user, with typed getters.</summary>
        public static HackleRemoteConfig RemoteConfig(this IHackleClient client, HackleUser user) =>
            new HackleRemoteConfig(client, user);
    }
}
