using System;
using System.Reflection;
using Hackle.Testing;

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

        /// <summary>Forces this flag on or off for every user in <paramref name="test"/>.</summary>
        /// <param name="test">The test client.</param>
        /// <param name="on">True for on.</param>
        /// <returns><paramref name="test"/>, to chain calls.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="test"/> is null.</exception>
        public static HackleTestClient Force(HackleTestClient test, bool on)
        {
            if (test == null) throw new ArgumentNullException(nameof(test));
            return test.ForceFeature(Feature.Key, on);
        }

        /// <summary>Forces this flag on or off for one user (matched on id, user id or device id).</summary>
        /// <param name="test">The test client.</param>
        /// <param name="on">True for on.</param>
        /// <param name="userId">The user's identifier.</param>
        /// <returns><paramref name="test"/>, to chain calls.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="test"/> or <paramref name="userId"/> is null.</exception>
        public static HackleTestClient Force(HackleTestClient test, bool on, string userId)
        {
            if (test == null) throw new ArgumentNullException(nameof(test));
            return test.ForceFeature(Feature.Key, on, userId);
        }

        /// <summary>Forces this flag on or off for the users <paramref name="when"/> accepts.</summary>
        /// <param name="test">The test client.</param>
        /// <param name="on">True for on.</param>
        /// <param name="when">Which users get it.</param>
        /// <returns><paramref name="test"/>, to chain calls.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="test"/> or <paramref name="when"/> is null.</exception>
        public static HackleTestClient Force(HackleTestClient test, bool on, Func<HackleUser, bool> when)
        {
            if (test == null) throw new ArgumentNullException(nameof(test));
            return test.ForceFeature(Feature.Key, on, when);
        }

        /// <summary>The flag's key, read from the class's attribute on first use.</summary>
        private static class Feature
        {
            // Without the attribute the flag is not found, and every decision says so with its reason.
            public static readonly long Key = typeof(TSelf).GetCustomAttribute<HackleFeatureAttribute>(inherit: false)?.Key ?? 0;
        }
    }
}
