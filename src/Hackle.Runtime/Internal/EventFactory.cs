using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;
using Hackle.Manifest;

namespace Hackle.Internal
{
    /// <summary>
    /// Builds the events of decisions and tracking: the record of a remote-config evaluation, nested
    /// exposures tagged with their root, and tracked events. Exposures are <see cref="ExposureRecord"/>
    /// values, made into objects only for a sink that takes objects.
    /// </summary>
    internal static class EventFactory
    {
        public const string RootExperiment = "EXPERIMENT";
        public const string RootRemoteConfig = "REMOTE_CONFIG";

        /// <summary>Records a remote-config evaluation: which value the user got, of which type, and why.</summary>
        public static RemoteConfigEvent RemoteConfig(in RemoteConfigEvaluation evaluation, RemoteConfigParameter parameter, HackleUser user, long timestamp, ConfigValueType requestedType, object? defaultValue) =>
            new RemoteConfigEvent(user, timestamp)
            {
                ParameterId = parameter.Id,
                ParameterKey = parameter.Key,
                ParameterType = parameter.Type.ToWireName(),
                ValueId = evaluation.ValueId,
                Reason = evaluation.Reason,
                RequestValueType = requestedType.ToWireName(),
                RequestDefaultValue = defaultValue,
                TargetRuleKey = evaluation.Rule?.Key,
                TargetRuleName = evaluation.Rule?.Name,
                ReturnValue = evaluation.Value,
            };

        /// <summary>An event the application tracked; <paramref name="eventTypeId"/> is 0 when the workspace does not define the key.</summary>
        public static TrackEvent Track(HackleEvent hackleEvent, HackleUser user, long timestamp, long eventTypeId) =>
            new TrackEvent(user, timestamp, eventTypeId, hackleEvent);

        /// <summary>Sends one exposure per nested evaluation of the scope, tagged with the root.</summary>
        public static void PublishTargets(IExposureSink sink, ref EvaluationScope scope, long timestamp, string rootType, long rootId)
        {
            var targets = scope.Targets;
            if (targets is null) return;
            for (var i = 0; i < targets.Count; i++)
            {
                sink.EnqueueExposure(new ExposureRecord(targets[i], scope.User, timestamp, rootType, rootId));
            }
        }
    }
}
