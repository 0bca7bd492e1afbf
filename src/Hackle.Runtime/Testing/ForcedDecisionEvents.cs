using Hackle.Internal.Model;
using Hackle.Manifest;

namespace Hackle.Testing
{
    /// <summary>
    /// The events of forced decisions, in the event model the real client sends. When the test's workspace has the
    /// item, its ids and versions are filled in as an override of that item would carry; otherwise they are 0/null.
    /// </summary>
    internal static class ForcedDecisionEvents
    {
        public static ExposureEvent Exposure(HackleUser user, long timestamp, long key, bool isFeatureFlag, string variationKey,
            DecisionReason reason, Experiment? found)
        {
            var variation = found?.GetVariation(variationKey);
            return new ExposureEvent(user, timestamp)
            {
                ExperimentId = found?.Id ?? 0,
                ExperimentKey = key,
                ExperimentType = isFeatureFlag ? "FEATURE_FLAG" : "AB_TEST",
                ExperimentVersion = found?.Version ?? 0,
                ExecutionVersion = found?.ExecutionVersion ?? 0,
                VariationId = variation?.Id,
                VariationKey = variationKey,
                Reason = reason,
                ParameterConfigurationId = variation?.Config?.Id,
            };
        }

        public static RemoteConfigEvent RemoteConfig(HackleUser user, long timestamp, string key, ConfigValueType forcedType,
            ConfigValueType requestedType, object defaultValue, object returnValue, DecisionReason reason, RemoteConfigParameter? found) =>
            new RemoteConfigEvent(user, timestamp)
            {
                ParameterId = found?.Id ?? 0,
                ParameterKey = key,
                ParameterType = (found?.Type ?? forcedType).ToWireName(),
                ValueId = null,
                Reason = reason,
                RequestValueType = requestedType.ToWireName(),
                RequestDefaultValue = defaultValue,
                ReturnValue = returnValue,
            };
    }
}
