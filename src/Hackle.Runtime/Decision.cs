namespace Hackle
{
    /// <summary>The result of an A/B test decision: the variation key, why, and the variation's parameters.</summary>
    public readonly struct Decision
    {
        /// <summary>Creates a decision.</summary>
        public Decision(string variation, DecisionReason reason, ParameterConfig? config = null)
        {
            Variation = variation;
            Reason = reason;
            Config = config ?? ParameterConfig.Empty;
        }

        /// <summary>The variation key, "A".."J".</summary>
        public string Variation { get; }
        /// <summary>Why this variation was chosen.</summary>
        public DecisionReason Reason { get; }
        /// <summary>The variation's parameter configuration (never null).</summary>
        public ParameterConfig Config { get; }

        /// <inheritdoc />
        public override string ToString() => Variation + " (" + Reason.ToWireName() + ")";
    }

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

    /// <summary>The result of a remote-config lookup: the value and why.</summary>
    public readonly struct RemoteConfigDecision<T>
    {
        /// <summary>Creates a decision.</summary>
        public RemoteConfigDecision(T value, DecisionReason reason)
        {
            Value = value;
            Reason = reason;
        }

        /// <summary>The value, or the caller's default.</summary>
        public T Value { get; }
        /// <summary>Why this value was returned.</summary>
        public DecisionReason Reason { get; }

        /// <inheritdoc />
        public override string ToString() => Value + " (" + Reason.ToWireName() + ")";
    }
}
