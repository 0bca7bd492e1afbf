using System;
using System.Reflection;

namespace Hackle.Accessors
{
    /// <summary>
    /// The accessors every generated feature-flag class shares (<c>Features.NewCheckout.IsOn(user)</c> and the other
    /// overloads are these, inherited), so that each flag generates only its key. The key comes from the
    /// <see cref="HackleFeatureAttribute"/> on <typeparamref name="TSelf"/>, read once per flag.
    /// </summary>
    /// <typeparam name="TSelf">The generated class itself.</typeparam>
    public abstract class FeatureAccessor<TSelf> where TSelf : FeatureAccessor<TSelf>
    {
        /// <summary>For the generated classes only; they are never instantiated.</summary>
        protected FeatureAccessor()
        {
        }

        /// <summary>Whether the flag is on for the user (off when undecided), decided by <see cref="HackleClient.Current"/>; never throws.</summary>
        /// <param name="user">The user.</param>
        /// <returns>True when on.</returns>
        public static bool IsOn(HackleUser user) => Detail(HackleClient.Current, user).IsOn;

        /// <summary>Whether the flag is on for the user (off when undecided), decided by <paramref name="client"/>.</summary>
        /// <param name="client">The client to use, e.g. one injected from DI.</param>
        /// <param name="user">The user.</param>
        /// <returns>True when on.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        public static bool IsOn(IHackleClient client, HackleUser user) => Detail(client, user).IsOn;

        /// <summary>The flag for the user with the reason and parameters, decided by <see cref="HackleClient.Current"/>; never throws.</summary>
        /// <param name="user">The user.</param>
        /// <returns>The decision; its reason says why.</returns>
        public static FeatureFlagDecision Detail(HackleUser user) => Detail(HackleClient.Current, user);

        /// <summary>The flag for the user with the reason and parameters, decided by <paramref name="client"/>.</summary>
        /// <param name="client">The client to use, e.g. one injected from DI.</param>
        /// <param name="user">The user.</param>
        /// <returns>The decision; its reason says why.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        public static FeatureFlagDecision Detail(IHackleClient client, HackleUser user)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            return client.FeatureFlagDetail(Feature.Key, user);
        }

        /// <summary>The flag's key, read from the class's attribute on first use.</summary>
        private static class Feature
        {
            // Without the attribute the flag is not found, and every decision says so with its reason.
            public static readonly long Key = typeof(TSelf).GetCustomAttribute<HackleFeatureAttribute>(inherit: false)?.Key ?? 0;
        }
    }
}
