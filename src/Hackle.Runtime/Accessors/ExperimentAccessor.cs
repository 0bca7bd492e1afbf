using System;
using System.Reflection;
using Hackle.Testing;

namespace Hackle.Accessors
{
    /// <summary>
    /// The accessors every generated experiment class shares (<c>Experiments.Checkout.Variation(user)</c> and the
    /// other overloads are these, inherited), so that each experiment generates only its key and its enum. The key
    /// and the variation order come from the <see cref="HackleExperimentAttribute"/> on <typeparamref name="TVariant"/>,
    /// read once per experiment.
    /// </summary>
    /// <typeparam name="TVariant">The experiment's generated <c>Variant</c> enum.</typeparam>
    public abstract class ExperimentAccessor<TVariant> where TVariant : struct, Enum
    {
        /// <summary>For the generated classes only; they are never instantiated.</summary>
        protected ExperimentAccessor()
        {
        }

        /// <summary>The user's variation (the control when undecided), decided by <see cref="HackleClient.Current"/>; never throws.</summary>
        /// <param name="user">The user.</param>
        /// <returns>The variation.</returns>
        public static TVariant Variation(HackleUser user) => VariationDetail(HackleClient.Current, user).Variation;

        /// <summary>The user's variation (the control when undecided), decided by <paramref name="client"/>.</summary>
        /// <param name="client">The client to use, e.g. one injected from DI.</param>
        /// <param name="user">The user.</param>
        /// <returns>The variation.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        public static TVariant Variation(IHackleClient client, HackleUser user) => VariationDetail(client, user).Variation;

        /// <summary>The user's variation with the reason and parameters, decided by <see cref="HackleClient.Current"/>; never throws.</summary>
        /// <param name="user">The user.</param>
        /// <returns>The decision; its reason says why.</returns>
        public static VariationDecision<TVariant> VariationDetail(HackleUser user) => VariationDetail(HackleClient.Current, user);

        /// <summary>The user's variation with the reason and parameters, decided by <paramref name="client"/>.</summary>
        /// <param name="client">The client to use, e.g. one injected from DI.</param>
        /// <param name="user">The user.</param>
        /// <returns>The decision; its reason says why.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        public static VariationDecision<TVariant> VariationDetail(IHackleClient client, HackleUser user) =>
            VariationDecision.Decide<TVariant>(client, Experiment.Key, user, Experiment.VariationKeys);

        /// <summary>
        /// Forces this experiment to <paramref name="variation"/> for every user in <paramref name="test"/>. Typed by the
        /// experiment's own enum, so a variation that does not exist, or was renamed, does not compile.
        /// </summary>
        /// <param name="test">The test client.</param>
        /// <param name="variation">The variation to force.</param>
        /// <returns><paramref name="test"/>, to chain calls.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="test"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="variation"/> is not a member of the enum.</exception>
        public static HackleTestClient Force(HackleTestClient test, TVariant variation)
        {
            if (test == null) throw new ArgumentNullException(nameof(test));
            return test.ForceVariation(Experiment.Key, Experiment.KeyOf(variation));
        }

        /// <summary>Forces this experiment to <paramref name="variation"/> for one user (matched on id, user id or device id).</summary>
        /// <param name="test">The test client.</param>
        /// <param name="variation">The variation to force.</param>
        /// <param name="userId">The user's identifier.</param>
        /// <returns><paramref name="test"/>, to chain calls.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="test"/> or <paramref name="userId"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="variation"/> is not a member of the enum.</exception>
        public static HackleTestClient Force(HackleTestClient test, TVariant variation, string userId)
        {
            if (test == null) throw new ArgumentNullException(nameof(test));
            return test.ForceVariation(Experiment.Key, Experiment.KeyOf(variation), userId);
        }

        /// <summary>Forces this experiment to <paramref name="variation"/> for the users <paramref name="when"/> accepts.</summary>
        /// <param name="test">The test client.</param>
        /// <param name="variation">The variation to force.</param>
        /// <param name="when">Which users get it.</param>
        /// <returns><paramref name="test"/>, to chain calls.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="test"/> or <paramref name="when"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="variation"/> is not a member of the enum.</exception>
        public static HackleTestClient Force(HackleTestClient test, TVariant variation, Func<HackleUser, bool> when)
        {
            if (test == null) throw new ArgumentNullException(nameof(test));
            return test.ForceVariation(Experiment.Key, Experiment.KeyOf(variation), when);
        }

        /// <summary>The experiment's key and variation order, read from the enum's attribute on first use.</summary>
        private static class Experiment
        {
            public static readonly long Key;
            public static readonly string VariationKeys = "A";

            static Experiment()
            {
                // Without the attribute (an enum not made by the generator) the experiment is not found, and every
                // decision says so with its reason instead of throwing.
                var attribute = typeof(TVariant).GetCustomAttribute<HackleExperimentAttribute>(inherit: false);
                if (attribute is null || !IsValid(attribute.VariationKeys)) return;
                Key = attribute.Key;
                VariationKeys = attribute.VariationKeys;
            }

            /// <summary>The variation key of an enum member: the key at the member's declaration index.</summary>
            public static string KeyOf(TVariant variation)
            {
#if NET5_0_OR_GREATER
                var members = Enum.GetValues<TVariant>();
#else
                var members = (TVariant[])Enum.GetValues(typeof(TVariant));
#endif
                var index = Array.IndexOf(members, variation);
                if (index < 0 || index >= VariationKeys.Length)
                    throw new ArgumentException("'" + variation + "' is not a variation of " + typeof(TVariant).FullName + ".", nameof(variation));
                return VariationKeys[index].ToString();
            }

            private static bool IsValid(string? keys)
            {
                if (string.IsNullOrEmpty(keys)) return false;
                foreach (var c in keys!)
                {
                    if (c < 'A' || c > 'J') return false;
                }
                return true;
            }
        }
    }
}
