namespace Hackle
{
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
