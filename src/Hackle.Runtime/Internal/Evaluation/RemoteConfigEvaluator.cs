using Hackle.Internal.Model;
using Hackle.Manifest;

namespace Hackle.Internal.Evaluation
{
    /// <summary>Remote-config flow of docs/protocol.md §5: first matching and bucketed rule, else the default value, then a type check.</summary>
    internal static class RemoteConfigEvaluator
    {
        public static RemoteConfigEvaluation Evaluate(ref EvaluationScope scope, RemoteConfigParameter parameter, ConfigValueType requiredType, object defaultValue)
        {
            if (!scope.User.TryGetIdentifier(parameter.IdentifierType, out var identifier))
                return new RemoteConfigEvaluation(defaultValue, null, DecisionReason.IdentifierNotFound, null);

            object? value = parameter.DefaultValue;
            var valueId = parameter.DefaultValueId;
            var reason = DecisionReason.DefaultRule;
            RemoteConfigTargetRule? matched = null;
            var rules = parameter.TargetRules;
            for (var i = 0; i < rules.Length; i++)
            {
                var rule = rules[i];
                if (!TargetMatcher.Matches(ref scope, rule.Target, requestedByExperiment: false)) continue;
                var bucket = rule.Bucket ?? throw new EvaluationException("Bucket [" + rule.BucketId + "] not found.");
                // A percentage rollout: landing in any slot is enough, the slot's variation is ignored.
                if (Bucketer.Bucketing(bucket, identifier) is null) continue;
                matched = rule;
                value = rule.Value;
                valueId = rule.ValueId;
                reason = DecisionReason.TargetRuleMatch;
                break;
            }

            if (!HasType(value, requiredType))
                return new RemoteConfigEvaluation(defaultValue, null, DecisionReason.TypeMismatch, matched);
            return new RemoteConfigEvaluation(value, valueId, reason, matched);
        }

        private static bool HasType(object? value, ConfigValueType type) => type switch
        {
            ConfigValueType.String => value is string,
            ConfigValueType.Number => value is double,
            ConfigValueType.Boolean => value is bool,
            _ => false,
        };
    }
}
