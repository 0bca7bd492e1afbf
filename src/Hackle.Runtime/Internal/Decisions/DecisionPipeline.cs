using System;
using Hackle.Internal.Client;
using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Metrics;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Decisions
{
    /// <summary>
    /// The steps every decision takes, in order: guard the input, look the key up in the snapshot in
    /// force, evaluate, publish the events (the root's, then one per nested evaluation, one timestamp),
    /// count the decision, and turn any failure into the caller's default with EXCEPTION. No lock, no
    /// I/O, nothing allocated (exposures travel as <see cref="ExposureRecord"/> values; a sink that
    /// takes objects gets them made for it); it never throws.
    /// </summary>
    internal sealed class DecisionPipeline
    {
        private readonly WorkspaceSnapshotHolder _snapshot;
        private readonly IHackleEventSink _events;
        private readonly IExposureSink _exposures;
        private readonly HackleMetrics _metrics;
        private readonly ILogger _logger;

        public DecisionPipeline(WorkspaceSnapshotHolder snapshot, IHackleEventSink events, HackleMetrics metrics, ILogger logger)
        {
            _snapshot = snapshot;
            _events = events;
            _exposures = MaterializingExposureSink.For(events);
            _metrics = metrics;
            _logger = logger;
        }

        public TResult Decide<TFlow, TResult>(ref TFlow flow, HackleUser user) where TFlow : struct, IDecisionFlow<TResult>
        {
            var result = DecideCore<TFlow, TResult>(ref flow, user);
            _metrics.Decision(flow.MetricKind, flow.ReasonOf(result));
            return result;
        }

        private TResult DecideCore<TFlow, TResult>(ref TFlow flow, HackleUser user) where TFlow : struct, IDecisionFlow<TResult>
        {
            try
            {
                if (user is null || !user.HasIdentifiers || !flow.HasValidKey) return flow.Fallback(DecisionReason.InvalidInput);
                var workspace = _snapshot.Current;
                if (workspace is null) return flow.Fallback(DecisionReason.SdkNotReady);
                if (!flow.TryFind(workspace)) return flow.Fallback(flow.NotFoundReason);

                var scope = new EvaluationScope(workspace, user, flow.RootExperiment);
                flow.Evaluate(ref scope);
                var timestamp = UserEvent.Now();
                flow.PublishRoot(_events, _exposures, user, timestamp);
                EventFactory.PublishTargets(_exposures, ref scope, timestamp, flow.RootType, flow.RootId);
                return flow.Result();
            }
            catch (Exception e)
            {
                Log.DecisionFailed(_logger, e, flow.LogKind, flow.KeyText);
                return flow.Fallback(DecisionReason.Exception);
            }
        }
    }
}
