using System;

namespace Hackle
{
    /// <summary>
    /// Pins the C# name that Hackle.Generators gives an item of hackle.flags.json, without editing the
    /// exported manifest. Use it when a dashboard name does not make a good identifier, or to keep call
    /// sites stable when the item is renamed in Hackle.
    /// </summary>
    /// <example><code>
    /// [assembly: HackleFlagName(HackleFlagKind.Experiment, 43, "Onboarding")]
    /// [assembly: HackleFlagName(HackleFlagKind.RemoteConfig, "checkout_banner_text", "BannerText")]
    /// </code></example>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
    public sealed class HackleFlagNameAttribute : Attribute
    {
        /// <summary>Pins the name of an experiment or feature flag by its numeric key.</summary>
        /// <param name="kind">Whether <paramref name="key"/> is an experiment or a feature flag key.</param>
        /// <param name="key">The numeric key shown in the Hackle dashboard.</param>
        /// <param name="name">The C# identifier to generate.</param>
        public HackleFlagNameAttribute(HackleFlagKind kind, long key, string name)
        {
            Kind = kind;
            Key = key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Name = name;
        }

        /// <summary>Pins the name of a remote-config parameter (or of any item, with its key as text).</summary>
        /// <param name="kind">The kind of item; <see cref="HackleFlagKind.RemoteConfig"/> for parameters.</param>
        /// <param name="key">The parameter key, such as <c>checkout_banner_text</c>.</param>
        /// <param name="name">The C# identifier to generate.</param>
        public HackleFlagNameAttribute(HackleFlagKind kind, string key, string name)
        {
            Kind = kind;
            Key = key;
            Name = name;
        }

        /// <summary>The kind of item named.</summary>
        public HackleFlagKind Kind { get; }

        /// <summary>The item's key, as text.</summary>
        public string Key { get; }

        /// <summary>The C# identifier to generate.</summary>
        public string Name { get; }
    }

    /// <summary>The lists of hackle.flags.json that <see cref="HackleFlagNameAttribute"/> can refer to.</summary>
    // Declared here rather than in its own file: it exists only for the attribute's constructor.
    public enum HackleFlagKind
    {
        /// <summary>An A/B test (<c>experiments</c>).</summary>
        Experiment = 0,
        /// <summary>A feature flag (<c>featureFlags</c>).</summary>
        FeatureFlag = 1,
        /// <summary>A remote-config parameter (<c>remoteConfigParameters</c>).</summary>
        RemoteConfig = 2,
    }
}
