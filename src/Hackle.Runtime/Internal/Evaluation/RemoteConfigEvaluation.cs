using Hackle.Internal.Model;

namespace Hackle.Internal.Evaluation
{
    /// <summary>The outcome of a remote-config evaluation.</summary>
    internal readonly struct RemoteConfigEvaluation
    {
        public RemoteConfigEvaluation(object? value, long? valueId, DecisionReason reason, RemoteConfigTargetRule? rule)
        {
            Value = value;
            ValueId = valueId;
            Reason = reason;
            Rule = rule;
        }

        public object? Value { get; }
        public long? ValueId { get; }
        public DecisionReason Reason { get; }
        public RemoteConfigTargetRule? Rule { get; }
    }
}
