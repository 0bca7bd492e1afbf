namespace Hackle
{
    /// <summary>The result of a feature-flag decision: on or off, why, and the parameters.</summary>
    public readonly struct FeatureFlagDecision
    {
        /// <summary>Creates a decision.</summary>
        public FeatureFlagDecision(bool isOn, DecisionReason reason, ParameterConfig? config = null)
        {
            IsOn = isOn;
            Reason = reason;
            Config = config ?? ParameterConfig.Empty;
        }

        /// <summary>True when the flag is on for the user.</summary>
        public bool IsOn { get; }
        /// <summary>Why the flag is on or off.</summary>
        public DecisionReason Reason { get; }
        /// <summary>The parameter configuration of the decided variation (never null).</summary>
        public ParameterConfig Config { get; }

        /// <inheritdoc />
        public override string ToString() => (IsOn ? "on" : "off") + " (" + Reason.ToWireName() + ")";
    }
}
