using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;

namespace Hackle.Internal.Decisions
{
    /// <summary>
    /// What differs between the A/B test, feature-flag and remote-config decisions; the
    /// <see cref="DecisionPipeline"/> runs the steps they share. Implemented by structs passed by
    /// reference, so the pipeline's generic code is specialised per flow: no boxing, no virtual calls.
    /// </summary>
    internal interface IDecisionFlow<TResult>
    {
        /// <summary>The metric tag of the decision kind (<see cref="Metrics.HackleMetrics"/>).</summary>
        string MetricKind { get; }

        /// <summary>The decision kind in words, for a log line.</summary>
        string LogKind { get; }

        /// <summary>The decision's key for a log line; built only when a decision fails.</summary>
        string KeyText { get; }

        /// <summary>False when the request itself is unusable (a missing key).</summary>
        bool HasValidKey { get; }

        /// <summary>The reason when the key is not in the workspace.</summary>
        DecisionReason NotFoundReason { get; }

        /// <summary>The root of the events of nested evaluations: EXPERIMENT or REMOTE_CONFIG.</summary>
        string RootType { get; }

        /// <summary>The id of the item found by <see cref="TryFind"/>, tagged on nested exposures.</summary>
        long RootId { get; }

        /// <summary>The root experiment of the evaluation scope; null for a remote-config parameter.</summary>
        Experiment? RootExperiment { get; }

        /// <summary>Looks the key up in <paramref name="workspace"/>, keeping what it found for the next steps.</summary>
        bool TryFind(HackleWorkspace workspace);

        /// <summary>Evaluates the found item, keeping the outcome for <see cref="PublishRoot"/> and <see cref="Result"/>.</summary>
        void Evaluate(ref EvaluationScope scope);

        /// <summary>Publishes the event that records the evaluation: an exposure to <paramref name="exposures"/>, any other event to <paramref name="events"/>.</summary>
        void PublishRoot(IHackleEventSink events, IExposureSink exposures, HackleUser user, long timestamp);

        /// <summary>The caller's answer after a successful evaluation.</summary>
        TResult Result();

        /// <summary>The caller's default with <paramref name="reason"/>.</summary>
        TResult Fallback(DecisionReason reason);

        /// <summary>The reason of a result, for the decision metric.</summary>
        DecisionReason ReasonOf(in TResult result);
    }
}
