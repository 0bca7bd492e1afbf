using Hackle.Internal.Model;

namespace Hackle.Internal.Evaluation
{
    /// <summary>The A/B test and feature-flag flows of docs/protocol.md §3.2-3.3; the first step that decides wins.</summary>
    internal static class ExperimentEvaluator
    {
        public const string ControlKey = "A";

        public static ExperimentEvaluation Evaluate(ref EvaluationScope scope, Experiment experiment, string defaultKey) =>
            experiment.Type == ExperimentType.AbTest
                ? EvaluateAbTest(ref scope, experiment, defaultKey)
                : EvaluateFeatureFlag(ref scope, experiment, defaultKey);

        private static ExperimentEvaluation EvaluateAbTest(ref EvaluationScope scope, Experiment experiment, string defaultKey)
        {
            var overridden = ResolveOverride(ref scope, experiment);
            if (overridden != null) return Of(experiment, overridden, DecisionReason.Overridden);

            if (!scope.User.TryGetIdentifier(experiment.IdentifierType, out var identifier))
                return Default(experiment, defaultKey, DecisionReason.IdentifierNotFound);

            if (experiment.ContainerId is long containerId && !IsInContainerGroup(ref scope, experiment, containerId, identifier))
                return Default(experiment, defaultKey, DecisionReason.NotInMutualExclusionExperiment);

            if (experiment.TargetAudiences.Length > 0 &&
                !TargetMatcher.AnyMatches(ref scope, experiment.TargetAudiences, requestedByExperiment: true))
                return Default(experiment, defaultKey, DecisionReason.NotInExperimentTarget);

            switch (experiment.Status)
            {
                case ExperimentStatus.Draft: return Default(experiment, defaultKey, DecisionReason.ExperimentDraft);
                case ExperimentStatus.Paused: return Default(experiment, defaultKey, DecisionReason.ExperimentPaused);
                case ExperimentStatus.Completed: return Of(experiment, Winner(experiment), DecisionReason.ExperimentCompleted);
            }

            var allocated = ResolveAction(ref scope, experiment, experiment.DefaultRule);
            if (allocated is null) return Default(experiment, defaultKey, DecisionReason.TrafficNotAllocated);
            if (allocated.IsDropped) return Default(experiment, defaultKey, DecisionReason.VariationDropped);
            return Of(experiment, allocated, DecisionReason.TrafficAllocated);
        }

        private static ExperimentEvaluation EvaluateFeatureFlag(ref EvaluationScope scope, Experiment flag, string defaultKey)
        {
            switch (flag.Status)
            {
                case ExperimentStatus.Draft: return Default(flag, defaultKey, DecisionReason.ExperimentDraft);
                case ExperimentStatus.Paused: return Default(flag, defaultKey, DecisionReason.FeatureFlagInactive);
                case ExperimentStatus.Completed: return Of(flag, Winner(flag), DecisionReason.ExperimentCompleted);
            }

            var overridden = ResolveOverride(ref scope, flag);
            if (overridden != null) return Of(flag, overridden, DecisionReason.IndividualTargetMatch);

            if (!scope.User.TryGetIdentifier(flag.IdentifierType, out _))
                return Default(flag, defaultKey, DecisionReason.IdentifierNotFound);

            var rules = flag.TargetRules;
            for (var i = 0; i < rules.Length; i++)
            {
                if (!TargetMatcher.Matches(ref scope, rules[i].Target, requestedByExperiment: true)) continue;
                var variation = ResolveAction(ref scope, flag, rules[i].Action)
                    ?? throw new EvaluationException("FeatureFlag must decide the Variation [" + flag.Key + "].");
                return Of(flag, variation, DecisionReason.TargetRuleMatch);
            }

            var byDefault = ResolveAction(ref scope, flag, flag.DefaultRule)
                ?? throw new EvaluationException("FeatureFlag must decide the Variation [" + flag.Key + "].");
            return Of(flag, byDefault, DecisionReason.DefaultRule);
        }

        /// <summary>User overrides by identifier, then the first matching segment override.</summary>
        private static Variation? ResolveOverride(ref EvaluationScope scope, Experiment experiment)
        {
            if (experiment.UserOverrides.Count > 0 &&
                scope.User.TryGetIdentifier(experiment.IdentifierType, out var identifier) &&
                experiment.UserOverrides.TryGetValue(identifier, out var variationId))
            {
                var variation = experiment.GetVariation(variationId);
                if (variation != null) return variation;
            }
            var overrides = experiment.SegmentOverrides;
            for (var i = 0; i < overrides.Length; i++)
            {
                if (TargetMatcher.Matches(ref scope, overrides[i].Target, requestedByExperiment: true))
                    return ResolveAction(ref scope, experiment, overrides[i].Action);
            }
            return null;
        }

        /// <summary>A VARIATION action names its variation; a BUCKET action buckets the identifier (null when not allocated).</summary>
        private static Variation? ResolveAction(ref EvaluationScope scope, Experiment experiment, TargetAction action)
        {
            if (action.Type == ActionType.Variation)
            {
                return action.Variation ?? throw new EvaluationException("Variation [" + action.VariationId + "] not found.");
            }
            var bucket = action.Bucket ?? throw new EvaluationException("Bucket [" + action.BucketId + "] not found.");
            if (!scope.User.TryGetIdentifier(experiment.IdentifierType, out var identifier)) return null;
            var slot = Bucketer.Bucketing(bucket, identifier);
            return slot is null ? null : experiment.GetVariation(slot.VariationId);
        }

        /// <summary>Mutual exclusion (docs/protocol.md §2.4): the container's slot names a group, which must list the experiment id.</summary>
        private static bool IsInContainerGroup(ref EvaluationScope scope, Experiment experiment, long containerId, string identifier)
        {
            var workspace = scope.Workspace;
            if (!workspace.Containers.TryGetValue(containerId, out var container))
                throw new EvaluationException("Container [" + containerId + "] not found.");
            var bucket = container.Bucket ?? throw new EvaluationException("Bucket [" + container.BucketId + "] not found.");
            var slot = Bucketer.Bucketing(bucket, identifier);
            if (slot is null) return false;
            if (!container.Groups.TryGetValue(slot.VariationId, out var group))
                throw new EvaluationException("ContainerGroup [" + slot.VariationId + "] not found.");
            for (var i = 0; i < group.Length; i++)
            {
                if (group[i] == experiment.Id) return true;
            }
            return false;
        }

        private static Variation Winner(Experiment experiment) =>
            (experiment.WinnerVariationId is long id ? experiment.GetVariation(id) : null)
            ?? throw new EvaluationException("Winner variation [" + experiment.WinnerVariationId + "] not found.");

        private static ExperimentEvaluation Of(Experiment experiment, Variation variation, DecisionReason reason)
        {
            if (variation.IsConfigMissing)
                throw new EvaluationException("ParameterConfiguration [" + variation.ParameterConfigurationId + "] not found.");
            return new ExperimentEvaluation(experiment, variation, variation.Key, reason, variation.Config);
        }

        /// <summary>The variation keyed like the requested default, or a bare key when there is none.</summary>
        private static ExperimentEvaluation Default(Experiment experiment, string defaultKey, DecisionReason reason)
        {
            var variation = experiment.GetVariation(defaultKey);
            return variation != null
                ? Of(experiment, variation, reason)
                : new ExperimentEvaluation(experiment, null, defaultKey, reason, null);
        }
    }
}
