using Hackle.Internal.Model;

namespace Hackle.Internal.Evaluation
{
    /// <summary>The A/B test and feature-flag flows of spec §3.2-3.3; the first step that decides wins.</summary>
    internal static class ExperimentEvaluator
    {
        public const string ControlKey = "A";

        public static Evaluation Evaluate(ref EvaluationScope scope, Experiment experiment, string defaultKey) =>
            experiment.Type == ExperimentType.AbTest
                ? EvaluateAbTest(ref scope, experiment, defaultKey)
                : EvaluateFeatureFlag(ref scope, experiment, defaultKey);

        private static Evaluation EvaluateAbTest(ref EvaluationScope scope, Experiment experiment, string defaultKey)
        {
            var overridden = ResolveOverride(ref scope, experiment);
            if (overridden != null) return Of(ref scope, experiment, overridden, DecisionReason.Overridden);

            if (!scope.User.TryGetIdentifier(experiment.IdentifierType, out var identifier))
                return Default(ref scope, experiment, defaultKey, DecisionReason.IdentifierNotFound);

            if (experiment.ContainerId is long containerId && !IsInContainerGroup(ref scope, experiment, containerId, identifier))
                return Default(ref scope, experiment, defaultKey, DecisionReason.NotInMutualExclusionExperiment);

            if (experiment.TargetAudiences.Length > 0 &&
                !TargetMatcher.AnyMatches(ref scope, experiment.TargetAudiences, requestedByExperiment: true))
                return Default(ref scope, experiment, defaultKey, DecisionReason.NotInExperimentTarget);

            switch (experiment.Status)
            {
                case ExperimentStatus.Draft: return Default(ref scope, experiment, defaultKey, DecisionReason.ExperimentDraft);
                case ExperimentStatus.Paused: return Default(ref scope, experiment, defaultKey, DecisionReason.ExperimentPaused);
                case ExperimentStatus.Completed: return Of(ref scope, experiment, Winner(experiment), DecisionReason.ExperimentCompleted);
            }

            var allocated = ResolveAction(ref scope, experiment, experiment.DefaultRule);
            if (allocated is null) return Default(ref scope, experiment, defaultKey, DecisionReason.TrafficNotAllocated);
            if (allocated.IsDropped) return Default(ref scope, experiment, defaultKey, DecisionReason.VariationDropped);
            return Of(ref scope, experiment, allocated, DecisionReason.TrafficAllocated);
        }

        private static Evaluation EvaluateFeatureFlag(ref EvaluationScope scope, Experiment flag, string defaultKey)
        {
            switch (flag.Status)
            {
                case ExperimentStatus.Draft: return Default(ref scope, flag, defaultKey, DecisionReason.ExperimentDraft);
                case ExperimentStatus.Paused: return Default(ref scope, flag, defaultKey, DecisionReason.FeatureFlagInactive);
                case ExperimentStatus.Completed: return Of(ref scope, flag, Winner(flag), DecisionReason.ExperimentCompleted);
            }

            var overridden = ResolveOverride(ref scope, flag);
            if (overridden != null) return Of(ref scope, flag, overridden, DecisionReason.IndividualTargetMatch);

            if (!scope.User.TryGetIdentifier(flag.IdentifierType, out _))
                return Default(ref scope, flag, defaultKey, DecisionReason.IdentifierNotFound);

            var rules = flag.TargetRules;
            for (var i = 0; i < rules.Length; i++)
            {
                if (!TargetMatcher.Matches(ref scope, rules[i].Target, requestedByExperiment: true)) continue;
                var variation = ResolveAction(ref scope, flag, rules[i].Action)
                    ?? throw new EvaluationException("FeatureFlag must decide the Variation [" + flag.Key + "].");
                return Of(ref scope, flag, variation, DecisionReason.TargetRuleMatch);
            }

            var byDefault = ResolveAction(ref scope, flag, flag.DefaultRule)
                ?? throw new EvaluationException("FeatureFlag must decide the Variation [" + flag.Key + "].");
            return Of(ref scope, flag, byDefault, DecisionReason.DefaultRule);
        }

        /// <summary>User overrides by identifier, then the first matching segment override.</summary>
        private static Variation? ResolveOverride(ref EvaluationScope scope, Experiment experiment)
        {
            if (scope.User.TryGetIdentifier(experiment.IdentifierType, out var identifier) &&
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
                return experiment.GetVariation(action.VariationId!.Value)
                    ?? throw new EvaluationException("Variation [" + action.VariationId + "] not found.");
            }
            if (!scope.Workspace.Buckets.TryGetValue(action.BucketId!.Value, out var bucket))
                throw new EvaluationException("Bucket [" + action.BucketId + "] not found.");
            if (!scope.User.TryGetIdentifier(experiment.IdentifierType, out var identifier)) return null;
            var slot = Bucketer.Bucketing(bucket, identifier);
            return slot is null ? null : experiment.GetVariation(slot.VariationId);
        }

        /// <summary>Mutual exclusion (spec §2.4): the container's slot names a group, which must list the experiment id.</summary>
        private static bool IsInContainerGroup(ref EvaluationScope scope, Experiment experiment, long containerId, string identifier)
        {
            var workspace = scope.Workspace;
            if (!workspace.Containers.TryGetValue(containerId, out var container))
                throw new EvaluationException("Container [" + containerId + "] not found.");
            if (!workspace.Buckets.TryGetValue(container.BucketId, out var bucket))
                throw new EvaluationException("Bucket [" + container.BucketId + "] not found.");
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

        private static Evaluation Of(ref EvaluationScope scope, Experiment experiment, Variation variation, DecisionReason reason)
        {
            ParameterConfig? config = null;
            if (variation.ParameterConfigurationId is long configId &&
                !scope.Workspace.ParameterConfigurations.TryGetValue(configId, out config))
                throw new EvaluationException("ParameterConfiguration [" + configId + "] not found.");
            return new Evaluation(experiment, variation, variation.Key, reason, config);
        }

        /// <summary>The variation keyed like the requested default, or a bare key when there is none.</summary>
        private static Evaluation Default(ref EvaluationScope scope, Experiment experiment, string defaultKey, DecisionReason reason)
        {
            var variation = experiment.GetVariation(defaultKey);
            return variation != null
                ? Of(ref scope, experiment, variation, reason)
                : new Evaluation(experiment, null, defaultKey, reason, null);
        }
    }
}
