using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Metrics;
using Hackle.Internal.Model;
using Hackle.Manifest;

namespace Hackle.Internal.Decisions
{
    /// <summary>A remote-config decision: the parameter's value when it has the requested type, else the caller's default.</summary>
    internal struct RemoteConfigFlow<T> : IDecisionFlow<RemoteConfigDecision<T>>
    {
        private readonly string? _key;
        private readonly ConfigValueType _requestedType;
        private readonly T _defaultValue;
        // Boxed once: the evaluator and the event both take the default as an object.
        private readonly object _boxedDefault;
        private RemoteConfigParameter? _parameter;
        private RemoteConfigEvaluation _evaluation;

        public RemoteConfigFlow(string? parameterKey, ConfigValueType requestedType, T defaultValue)
        {
            _key = parameterKey;
            _requestedType = requestedType;
            _defaultValue = defaultValue;
            _boxedDefault = defaultValue!;
            _parameter = null;
            _evaluation = default;
        }

        public string MetricKind => HackleMetrics.KindRemoteConfig;
        public string LogKind => "remote config";
        public string KeyText => _key ?? "(null)";
        public bool HasValidKey => _key != null;
        public DecisionReason NotFoundReason => DecisionReason.RemoteConfigParameterNotFound;
        public string RootType => EventFactory.RootRemoteConfig;
        public long RootId => _parameter!.Id;
        public Experiment? RootExperiment => null;

        public bool TryFind(HackleWorkspace workspace) => workspace.RemoteConfigParameters.TryGetValue(_key!, out _parameter);

        public void Evaluate(ref EvaluationScope scope) =>
            _evaluation = RemoteConfigEvaluator.Evaluate(ref scope, _parameter!, _requestedType, _boxedDefault);

        public void PublishRoot(IHackleEventSink events, IExposureSink exposures, HackleUser user, long timestamp) =>
            events.Enqueue(EventFactory.RemoteConfig(_evaluation, _parameter!, user, timestamp, _requestedType, _boxedDefault));

        public RemoteConfigDecision<T> Result() =>
            new RemoteConfigDecision<T>(_evaluation.Value is T value ? value : _defaultValue, _evaluation.Reason);

        public RemoteConfigDecision<T> Fallback(DecisionReason reason) => new RemoteConfigDecision<T>(_defaultValue, reason);

        public DecisionReason ReasonOf(in RemoteConfigDecision<T> result) => result.Reason;
    }
}
