using System.Collections.Generic;
using System.Globalization;
using Hackle.Internal.Model;

namespace Hackle.Internal.Evaluation
{
    /// <summary>Matches targets and conditions against the user of a scope (docs/protocol.md §2.5).</summary>
    internal static class TargetMatcher
    {
        /// <summary>Nested AB_TEST results that can satisfy a condition (docs/protocol.md §2.5, AB_TEST and FEATURE_FLAG conditions).</summary>
        private static bool IsAbTestMatchedReason(DecisionReason reason) =>
            reason == DecisionReason.Overridden || reason == DecisionReason.TrafficAllocated ||
            reason == DecisionReason.TrafficAllocatedByTargeting || reason == DecisionReason.ExperimentCompleted;

        /// <summary>True when any target matches; an empty list matches nobody (callers decide what empty means).</summary>
        public static bool AnyMatches(ref EvaluationScope scope, Target[] targets, bool requestedByExperiment)
        {
            for (var i = 0; i < targets.Length; i++)
            {
                if (Matches(ref scope, targets[i], requestedByExperiment)) return true;
            }
            return false;
        }

        /// <summary>True when every condition of the target matches.</summary>
        public static bool Matches(ref EvaluationScope scope, Target target, bool requestedByExperiment)
        {
            var conditions = target.Conditions;
            for (var i = 0; i < conditions.Length; i++)
            {
                if (!Matches(ref scope, conditions[i], requestedByExperiment)) return false;
            }
            return true;
        }

        private static bool Matches(ref EvaluationScope scope, Condition condition, bool requestedByExperiment)
        {
            switch (condition.KeyType)
            {
                case KeyType.UserId:
                    return ValueMatcher.Matches(scope.User.TryGetIdentifier(condition.KeyName, out var id) ? id : null, condition);
                case KeyType.UserProperty:
                    return ValueMatcher.Matches(scope.User.PropertiesOrEmpty.TryGetValue(condition.KeyName, out var property) ? property : null, condition);
                case KeyType.HackleProperty:
                    // Server-side users carry no Hackle (client) properties.
                    return ValueMatcher.Matches(null, condition);
                case KeyType.EventProperty:
                    // Only event-triggered requests (client SDKs) carry an event; server decisions never do.
                    return false;
                case KeyType.Cohort:
                    // Server-side users belong to no cohort: an empty list, which no value matches.
                    return ValueMatcher.Matches(null, condition);
                case KeyType.NumberOfEventsInDays:
                case KeyType.NumberOfEventsWithPropertyInDays:
                    // Server-side users carry no target events, so the count is 0 (docs/protocol.md §2.5, key types).
                    return ValueMatcher.Matches(0L, condition);
                case KeyType.Segment:
                    return MatchesSegment(ref scope, condition);
                case KeyType.AbTest:
                case KeyType.FeatureFlag:
                    return MatchesExperiment(ref scope, condition, requestedByExperiment);
                default:
                    return false;
            }
        }

        private static bool MatchesSegment(ref EvaluationScope scope, Condition condition)
        {
            var matched = false;
            var values = condition.Values;
            for (var i = 0; i < values.Length && !matched; i++)
            {
                if (!(values[i].Raw is string key)) throw new EvaluationException("Segment key must be a string.");
                if (!scope.Workspace.Segments.TryGetValue(key, out var segment)) throw new EvaluationException("Segment [" + key + "] not found.");
                matched = AnyMatches(ref scope, segment.Targets, requestedByExperiment: true);
            }
            return condition.MatchType == MatchType.Match ? matched : !matched;
        }

        private static bool MatchesExperiment(ref EvaluationScope scope, Condition condition, bool requestedByExperiment)
        {
            if (!long.TryParse(condition.KeyName, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)) return false;
            var isAbTest = condition.KeyType == KeyType.AbTest;
            var experiments = isAbTest ? scope.Workspace.Experiments : scope.Workspace.FeatureFlags;
            if (!experiments.TryGetValue(key, out var experiment)) return false;

            var evaluation = EvaluateNested(ref scope, experiment, requestedByExperiment);
            if (isAbTest)
            {
                if (!IsAbTestMatchedReason(evaluation.Reason)) return false;
                return ValueMatcher.Matches(evaluation.VariationKey, condition);
            }
            return ValueMatcher.Matches(!IsControl(evaluation.VariationKey), condition);
        }

        private static ExperimentEvaluation EvaluateNested(ref EvaluationScope scope, Experiment experiment, bool requestedByExperiment)
        {
            if (scope.TryGetCached(experiment, out var cached)) return cached;
            if (scope.IsInProgress(experiment)) throw new EvaluationException("Circular evaluation has occurred.");

            var inProgress = scope.InProgress ??= new List<Experiment>(4);
            inProgress.Add(experiment);
            ExperimentEvaluation evaluation;
            try
            {
                evaluation = ExperimentEvaluator.Evaluate(ref scope, experiment, ExperimentEvaluator.ControlKey);
            }
            finally
            {
                inProgress.RemoveAt(inProgress.Count - 1);
            }
            if (experiment.Type == ExperimentType.AbTest && requestedByExperiment && evaluation.Reason == DecisionReason.TrafficAllocated)
            {
                evaluation = evaluation.WithReason(DecisionReason.TrafficAllocatedByTargeting);
            }
            (scope.Targets ??= new List<ExperimentEvaluation>(4)).Add(evaluation);
            return evaluation;
        }

        internal static bool IsControl(string variationKey) => variationKey == ExperimentEvaluator.ControlKey;
    }
}
