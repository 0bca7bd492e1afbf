using System.Globalization;
using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Metrics;
using Hackle.Internal.Model;

namespace Hackle.Internal.Decisions
{
    /// <summary>An A/B test decision: the variation key, or the caller's default variation.</summary>
    internal struct AbTestFlow : IDecisionFlow<Decision>
    {
        private readonly long _key;
        private readonly string _defaultVariation;
        private Experiment? _experiment;
        private ExperimentEvaluation _evaluation;

        public AbTestFlow(long experimentKey, string? defaultVariation)
        {
            _key = experimentKey;
            _defaultVariation = defaultVariation ?? ExperimentEvaluator.ControlKey;
            _experiment = null;
            _evaluation = default;
        }

        public string MetricKind => HackleMetrics.KindAbTest;
        public string LogKind => "A/B test";
        public string KeyText => _key.ToString(CultureInfo.InvariantCulture);
        public bool HasValidKey => true;
        public DecisionReason NotFoundReason => DecisionReason.ExperimentNotFound;
        public string RootType => EventFactory.RootExperiment;
        public long RootId => _experiment!.Id;
        public Experiment? RootExperiment => _experiment;

        public bool TryFind(HackleWorkspace workspace) => workspace.Experiments.TryGetValue(_key, out _experiment);

        public void Evaluate(ref EvaluationScope scope) => _evaluation = ExperimentEvaluator.Evaluate(ref scope, _experiment!, _defaultVariation);

        public void PublishRoot(IHackleEventSink events, IExposureSink exposures, HackleUser user, long timestamp) =>
            exposures.EnqueueExposure(new ExposureRecord(_evaluation, user, timestamp, null, 0));

        public Decision Result() => new Decision(VariationKeys.Normalize(_evaluation.VariationKey), _evaluation.Reason, _evaluation.Config);

        public Decision Fallback(DecisionReason reason) => new Decision(_defaultVariation, reason);

        public DecisionReason ReasonOf(in Decision result) => result.Reason;
    }
}
