using System.Globalization;
using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Metrics;
using Hackle.Internal.Model;

namespace Hackle.Internal.Decisions
{
    /// <summary>A feature-flag decision: on for any variation but the control A; off when it cannot be decided.</summary>
    internal struct FeatureFlagFlow : IDecisionFlow<FeatureFlagDecision>
    {
        private readonly long _key;
        private Experiment? _flag;
        private ExperimentEvaluation _evaluation;

        public FeatureFlagFlow(long featureKey)
        {
            _key = featureKey;
            _flag = null;
            _evaluation = default;
        }

        public string MetricKind => HackleMetrics.KindFeatureFlag;
        public string LogKind => "feature flag";
        public string KeyText => _key.ToString(CultureInfo.InvariantCulture);
        public bool HasValidKey => true;
        public DecisionReason NotFoundReason => DecisionReason.FeatureFlagNotFound;
        public string RootType => EventFactory.RootExperiment;
        public long RootId => _flag!.Id;
        public Experiment? RootExperiment => _flag;

        public bool TryFind(HackleWorkspace workspace) => workspace.FeatureFlags.TryGetValue(_key, out _flag);

        public void Evaluate(ref EvaluationScope scope) => _evaluation = ExperimentEvaluator.Evaluate(ref scope, _flag!, ExperimentEvaluator.ControlKey);

        public void PublishRoot(IHackleEventSink events, IExposureSink exposures, HackleUser user, long timestamp) =>
            exposures.EnqueueExposure(new ExposureRecord(_evaluation, user, timestamp, null, 0));

        public FeatureFlagDecision Result()
        {
            var key = VariationKeys.Normalize(_evaluation.VariationKey);
            return new FeatureFlagDecision(!TargetMatcher.IsControl(key), _evaluation.Reason, _evaluation.Config);
        }

        public FeatureFlagDecision Fallback(DecisionReason reason) => new FeatureFlagDecision(false, reason);

        public DecisionReason ReasonOf(in FeatureFlagDecision result) => result.Reason;
    }
}
