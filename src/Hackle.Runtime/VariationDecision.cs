using System;

namespace Hackle
{
    /// <summary>
    /// A typed A/B test decision: the variation as the experiment's generated enum, the key the SDK returned,
    /// why, and the variation's parameters. Returned by the generated <c>VariationDetail</c> accessors.
    /// </summary>
    /// <typeparam name="TVariant">The experiment's generated <c>Variant</c> enum.</typeparam>
    public readonly struct VariationDecision<TVariant> where TVariant : struct, Enum
    {
        /// <summary>Creates a decision.</summary>
        /// <param name="variation">The variation as an enum member.</param>
        /// <param name="variationKey">The variation key the SDK returned.</param>
        /// <param name="reason">Why the variation was chosen.</param>
        /// <param name="config">The variation's parameter configuration.</param>
        public VariationDecision(TVariant variation, string variationKey, DecisionReason reason, ParameterConfig config)
        {
            Variation = variation;
            VariationKey = variationKey;
            Reason = reason;
            Config = config;
        }

        /// <summary>The variation; the control when none could be decided.</summary>
        public TVariant Variation { get; }

        /// <summary>
        /// The variation key the SDK returned ("A".."J"). It differs from <see cref="Variation"/> only when the
        /// manifest is older than the workspace and lacks this variation.
        /// </summary>
        public string VariationKey { get; }

        /// <summary>Why the variation was chosen.</summary>
        public DecisionReason Reason { get; }

        /// <summary>The variation's parameter configuration (never null).</summary>
        public ParameterConfig Config { get; }

        /// <summary>The variation key and the reason, e.g. <c>B (TRAFFIC_ALLOCATED)</c>.</summary>
        /// <returns>A short description for logs.</returns>
        public override string ToString() => VariationKey + " (" + Reason.ToWireName() + ")";
    }

    /// <summary>
    /// Decides typed A/B tests for <see cref="Accessors.ExperimentAccessor{TVariant}"/>, which every generated
    /// experiment inherits, so that each experiment carries only its key, its enum and the order of its variation keys.
    /// </summary>
    internal static class VariationDecision
    {
        /// <summary>"A".."J" as strings, so asking for the control allocates nothing.</summary>
        private static readonly string[] s_keys = { "A", "B", "C", "D", "E", "F", "G", "H", "I", "J" };

        /// <summary>
        /// Decides an experiment and maps the variation key the SDK returned to <typeparamref name="TVariant"/>.
        /// </summary>
        /// <typeparam name="TVariant">The experiment's generated enum, whose members are declared in the order of
        /// <paramref name="variationKeys"/> with the default values 0, 1, 2...</typeparam>
        /// <param name="client">The client that decides.</param>
        /// <param name="experimentKey">The experiment key.</param>
        /// <param name="user">The user.</param>
        /// <param name="variationKeys">The experiment's variation keys, one letter each, in the enum's member order;
        /// the first is the control, returned when no variation can be decided and for keys not listed.</param>
        /// <returns>The typed decision.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="variationKeys"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="variationKeys"/> is empty or does not start with a key A..J.</exception>
        public static VariationDecision<TVariant> Decide<TVariant>(IHackleClient client, long experimentKey, HackleUser user, string variationKeys)
            where TVariant : struct, Enum
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            if (variationKeys == null) throw new ArgumentNullException(nameof(variationKeys));
            var control = variationKeys.Length > 0 ? variationKeys[0] - 'A' : -1;
            if (control < 0 || control >= s_keys.Length)
                throw new ArgumentException("expected the variation keys A..J in enum order, control first", nameof(variationKeys));

            var decision = client.VariationDetail(experimentKey, user, s_keys[control]);
            var key = decision.VariationKey;
            // Unknown keys (a variation added after the manifest was exported) map to the control, index 0.
            var index = key != null && key.Length == 1 ? variationKeys.IndexOf(key[0]) : -1;
            return new VariationDecision<TVariant>(EnumMembers<TVariant>.At(index < 0 ? 0 : index), key ?? s_keys[control], decision.Reason,
                decision.Config);
        }

        /// <summary>The members of an enum by declaration index, read once per enum type.</summary>
        private static class EnumMembers<TVariant> where TVariant : struct, Enum
        {
#if NET5_0_OR_GREATER
            private static readonly TVariant[] s_values = Enum.GetValues<TVariant>();
#else
            private static readonly TVariant[] s_values = (TVariant[])Enum.GetValues(typeof(TVariant));
#endif

            /// <summary>The member with value <paramref name="index"/> (values are sorted, and generated as 0..n-1);
            /// the default value when the enum is shorter than expected.</summary>
            public static TVariant At(int index) => index < s_values.Length ? s_values[index] : default;
        }
    }
}
