namespace Hackle
{
    /// <summary>The result of an A/B test decision: the variation key, why, and the variation's parameters.</summary>
    public readonly struct Decision
    {
        /// <summary>Creates a decision.</summary>
        public Decision(string variationKey, DecisionReason reason, ParameterConfig? config = null)
        {
            VariationKey = variationKey;
            Reason = reason;
            Config = config ?? ParameterConfig.Empty;
        }

        /// <summary>
        /// The variation key, "A".."J". A generated accessor's <c>VariationDetail</c> maps it to the
        /// experiment's <c>Variant</c> enum (its <c>Variation</c>) and keeps the key as <c>VariationKey</c> too.
        /// </summary>
        public string VariationKey { get; }
        /// <summary>Why this variation was chosen.</summary>
        public DecisionReason Reason { get; }
        /// <summary>The variation's parameter configuration (never null).</summary>
        public ParameterConfig Config { get; }

        /// <inheritdoc />
        public override string ToString() => VariationKey + " (" + Reason.ToWireName() + ")";
    }
}
