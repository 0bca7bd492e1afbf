using Hackle.Generators.Manifest;
using Hackle.Manifest;

namespace Hackle.Analyzers.Cleanup
{
    /// <summary>
    /// What a finished item decides for every user, by the SDK's evaluation rules: a COMPLETED experiment gives its
    /// winner (the control when the manifest names none), a PAUSED flag is off, a COMPLETED flag is on unless its winner
    /// is the "A" (off) variation or it has none, and a remote-config parameter without target rules gives its default.
    /// </summary>
    internal readonly struct FinishedOutcome
    {
        private FinishedOutcome(string kind, string display, string status, string finalValue, string statusName, string? shape = null)
        {
            Kind = kind;
            Display = display;
            Status = status;
            FinalValue = finalValue;
            StatusName = statusName;
            Shape = shape;
        }

        /// <summary>The bare status ("COMPLETED", "PAUSED"), or the status with its winner for experiments.</summary>
        public string StatusName { get; }

        /// <summary>The value's <see cref="CleanupShapes"/> name for a parameter; null for experiments and flags, whose shape is the call's.</summary>
        public string? Shape { get; }

        /// <summary>"Experiment" or "Feature flag", for messages.</summary>
        public string Kind { get; }

        /// <summary>How messages name the item.</summary>
        public string Display { get; }

        /// <summary>The status with its winner, for messages ("COMPLETED with winner B").</summary>
        public string Status { get; }

        /// <summary>The variation key every user gets, or "true"/"false" for a flag.</summary>
        public string FinalValue { get; }

        /// <summary>The outcome of a COMPLETED experiment, or null when it is still deciding.</summary>
        public static FinishedOutcome? Of(ExperimentModel experiment)
        {
            if (experiment.Status != ItemStatus.Completed) return null;
            var control = experiment.Variations.Count > 0 ? experiment.Variations[0].Key : "A";
            foreach (var variation in experiment.Variations)
            {
                if (variation.Key == "A") control = "A";
            }
            var winner = experiment.WinnerVariationKey;
            return winner != null
                ? new FinishedOutcome("Experiment", experiment.Display, "COMPLETED with winner " + winner, winner, "COMPLETED with winner " + winner)
                : new FinishedOutcome("Experiment", experiment.Display, "COMPLETED without a winner", control, "COMPLETED without a winner");
        }

        /// <summary>The outcome of a PAUSED or COMPLETED feature flag, or null when it is still deciding.</summary>
        public static FinishedOutcome? Of(FeatureModel feature)
        {
            switch (feature.Status)
            {
                case ItemStatus.Paused:
                    return new FinishedOutcome("Feature flag", feature.Display, "PAUSED", "false", "PAUSED");
                case ItemStatus.Completed:
                    var on = feature.WinnerVariationKey != null && feature.WinnerVariationKey != "A";
                    var status = feature.WinnerVariationKey != null ? "COMPLETED with winner " + feature.WinnerVariationKey : "COMPLETED without a winner";
                    return new FinishedOutcome("Feature flag", feature.Display, status, on ? "true" : "false", "COMPLETED");
                default:
                    return null;
            }
        }

        /// <summary>
        /// The value of a remote-config parameter whose value is fixed: one without target rules, so every user gets its default
        /// value (DEFAULT_RULE), which is also what the accessor returns when nothing can be decided; null when it has rules.
        /// </summary>
        public static FinishedOutcome? Of(RemoteConfigModel parameter)
        {
            if (parameter.HasTargetRules) return null;
            var shape = parameter.Type == RemoteConfigType.Boolean ? CleanupShapes.Boolean
                : parameter.Type == RemoteConfigType.Number ? CleanupShapes.Number
                : CleanupShapes.String;
            return new FinishedOutcome("Remote-config parameter", "'" + parameter.Key + "'", "without target rules", parameter.DefaultValue, "without target rules", shape);
        }

        /// <summary>How the message states the final value: "B", "on"/"off" for a flag, a parameter's value as C# would write it.</summary>
        public string FinalValueText => Shape == CleanupShapes.String ? "\"" + FinalValue + "\""
            : Shape != null ? FinalValue
            : FinalValue == "true" ? "on" : FinalValue == "false" ? "off" : FinalValue;
    }
}
