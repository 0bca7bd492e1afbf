using Hackle.Internal.Evaluation;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// An exposure as the decision path hands it over: the evaluation itself, by value, with its user and
    /// timestamp. It is copied into the delivery queue's preallocated cells, so an exposure on its way to
    /// the HTTP delivery is never an object; an <see cref="ExposureEvent"/> is made from it only for a sink
    /// that takes event objects (<see cref="ToEvent"/>). The insertId is made when the batch is written.
    /// </summary>
    internal readonly struct ExposureRecord
    {
        public ExposureRecord(in ExperimentEvaluation evaluation, HackleUser user, long timestamp, string? rootType, long rootId)
        {
            Evaluation = evaluation;
            User = user;
            Timestamp = timestamp;
            TargetingRootType = rootType;
            TargetingRootId = rootId;
        }

        public readonly ExperimentEvaluation Evaluation;
        public readonly HackleUser User;
        public readonly long Timestamp;
        /// <summary>"EXPERIMENT" or "REMOTE_CONFIG" for the exposure of a nested evaluation; null for a root exposure.</summary>
        public readonly string? TargetingRootType;
        /// <summary>The root's id; meaningful only when <see cref="TargetingRootType"/> is set.</summary>
        public readonly long TargetingRootId;

        public string ExperimentType => Evaluation.Experiment.Type == Model.ExperimentType.AbTest ? "AB_TEST" : "FEATURE_FLAG";

        /// <summary>The event object with the same fields, for a sink that takes objects (and for tests).</summary>
        public ExposureEvent ToEvent(string? insertId = null)
        {
            var experiment = Evaluation.Experiment;
            return new ExposureEvent(User, Timestamp, insertId)
            {
                ExperimentId = experiment.Id,
                ExperimentKey = experiment.Key,
                ExperimentType = ExperimentType,
                ExperimentVersion = experiment.Version,
                ExecutionVersion = experiment.ExecutionVersion,
                VariationId = Evaluation.Variation?.Id,
                VariationKey = Evaluation.VariationKey,
                Reason = Evaluation.Reason,
                ParameterConfigurationId = Evaluation.Config?.Id,
                TargetingRootType = TargetingRootType,
                TargetingRootId = TargetingRootType is null ? (long?)null : TargetingRootId,
            };
        }
    }
}
