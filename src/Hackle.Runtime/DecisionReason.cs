namespace Hackle
{
    /// <summary>Why a decision came out as it did; <see cref="DecisionReasonNames.ToWireName"/> gives Hackle's name.</summary>
    public enum DecisionReason
    {
        /// <summary>No workspace config has been loaded yet.</summary>
        SdkNotReady,
        /// <summary>An internal error; the default was returned.</summary>
        Exception,
        /// <summary>The user had no identifier, or the input was otherwise invalid.</summary>
        InvalidInput,
        /// <summary>No experiment has the requested key.</summary>
        ExperimentNotFound,
        /// <summary>The experiment is a draft.</summary>
        ExperimentDraft,
        /// <summary>The experiment is paused.</summary>
        ExperimentPaused,
        /// <summary>The experiment is completed; the winner was returned.</summary>
        ExperimentCompleted,
        /// <summary>The user is overridden to a variation.</summary>
        Overridden,
        /// <summary>The user falls outside the experiment's traffic.</summary>
        TrafficNotAllocated,
        /// <summary>The user belongs to another experiment of the mutual-exclusion container.</summary>
        NotInMutualExclusionExperiment,
        /// <summary>The user lacks the experiment's identifier type.</summary>
        IdentifierNotFound,
        /// <summary>The allocated variation was dropped.</summary>
        VariationDropped,
        /// <summary>The user was allocated by traffic.</summary>
        TrafficAllocated,
        /// <summary>The user was allocated by traffic while evaluated as another experiment's target.</summary>
        TrafficAllocatedByTargeting,
        /// <summary>The user is not in the experiment's target audience.</summary>
        NotInExperimentTarget,
        /// <summary>No feature flag has the requested key.</summary>
        FeatureFlagNotFound,
        /// <summary>The feature flag is paused.</summary>
        FeatureFlagInactive,
        /// <summary>The user is individually targeted.</summary>
        IndividualTargetMatch,
        /// <summary>A target rule matched.</summary>
        TargetRuleMatch,
        /// <summary>No rule matched; the default rule decided.</summary>
        DefaultRule,
        /// <summary>No remote-config parameter has the requested key.</summary>
        RemoteConfigParameterNotFound,
        /// <summary>The remote-config value has another type than requested.</summary>
        TypeMismatch,
    }

    /// <summary>Hackle's wire names of <see cref="DecisionReason"/>.</summary>
    public static class DecisionReasonNames
    {
        /// <summary>The name Hackle uses on the wire, e.g. <c>TRAFFIC_ALLOCATED</c>.</summary>
        public static string ToWireName(this DecisionReason reason) => reason switch
        {
            DecisionReason.SdkNotReady => "SDK_NOT_READY",
            DecisionReason.Exception => "EXCEPTION",
            DecisionReason.InvalidInput => "INVALID_INPUT",
            DecisionReason.ExperimentNotFound => "EXPERIMENT_NOT_FOUND",
            DecisionReason.ExperimentDraft => "EXPERIMENT_DRAFT",
            DecisionReason.ExperimentPaused => "EXPERIMENT_PAUSED",
            DecisionReason.ExperimentCompleted => "EXPERIMENT_COMPLETED",
            DecisionReason.Overridden => "OVERRIDDEN",
            DecisionReason.TrafficNotAllocated => "TRAFFIC_NOT_ALLOCATED",
            DecisionReason.NotInMutualExclusionExperiment => "NOT_IN_MUTUAL_EXCLUSION_EXPERIMENT",
            DecisionReason.IdentifierNotFound => "IDENTIFIER_NOT_FOUND",
            DecisionReason.VariationDropped => "VARIATION_DROPPED",
            DecisionReason.TrafficAllocated => "TRAFFIC_ALLOCATED",
            DecisionReason.TrafficAllocatedByTargeting => "TRAFFIC_ALLOCATED_BY_TARGETING",
            DecisionReason.NotInExperimentTarget => "NOT_IN_EXPERIMENT_TARGET",
            DecisionReason.FeatureFlagNotFound => "FEATURE_FLAG_NOT_FOUND",
            DecisionReason.FeatureFlagInactive => "FEATURE_FLAG_INACTIVE",
            DecisionReason.IndividualTargetMatch => "INDIVIDUAL_TARGET_MATCH",
            DecisionReason.TargetRuleMatch => "TARGET_RULE_MATCH",
            DecisionReason.DefaultRule => "DEFAULT_RULE",
            DecisionReason.RemoteConfigParameterNotFound => "REMOTE_CONFIG_PARAMETER_NOT_FOUND",
            DecisionReason.TypeMismatch => "TYPE_MISMATCH",
            _ => "EXCEPTION",
        };
    }
}
