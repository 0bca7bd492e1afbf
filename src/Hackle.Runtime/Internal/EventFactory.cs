using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;
using Hackle.Manifest;

namespace Hackle.Internal
{
    /// <summary>Builds the events of one decision: the root first, then nested evaluations in order, all with one timestamp.</summary>
    internal static class EventFactory
    {
        public const string RootExperiment = "EXPERIMENT";
        public const string RootRemoteConfig = "REMOTE_CONFIG";

        public static ExposureEvent Exposure(in Evaluation.Evaluation evaluation, HackleUser user, long timestamp, string? rootType, long? rootId)
        {
            var experiment = evaluation.Experiment;
            return new ExposureEvent(user, timestamp)
            {
                ExperimentId = experiment.Id,
                ExperimentKey = experiment.Key,
                ExperimentType = experiment.Type == ExperimentType.AbTest ? "AB_TEST" : "FEATURE_FLAG",
                ExperimentVersion = experiment.Version,
                ExecutionVersion = experiment.ExecutionVersion,
                VariationId = evaluation.Variation?.Id,
                VariationKey = evaluation.VariationKey,
                Reason = evaluation.Reason,
                ParameterConfigurationId = evaluation.Config?.Id,
                TargetingRootType = rootType,
                TargetingRootId = rootId,
            };
        }

        /// <summary>Sends one exposure per nested evaluation of the scope, tagged with the root.</summary>
        public static void PublishTargets(IHackleEventSink sink, ref EvaluationScope scope, long timestamp, string rootType, long rootId)
        {
            var targets = scope.Targets;
            if (targets is null) return;
            for (var i = 0; i < targets.Count; i++)
            {
                sink.Enqueue(Exposure(targets[i], scope.User, timestamp, rootType, rootId));
            }
        }

        public static string ValueTypeName(ConfigValueType type) => type switch
        {
            ConfigValueType.String => "STRING",
            ConfigValueType.Number => "NUMBER",
            ConfigValueType.Boolean => "BOOLEAN",
            ConfigValueType.Version => "VERSION",
            _ => "JSON",
        };
    }
}
