using Hackle.Generators.Manifest;
using Hackle.Manifest;

namespace Hackle.Analyzers.Cleanup
{
    /// <summary>
    /// What a finished item decides for every user, by the SDK's evaluation rules: a COMPLETED experiment gives its
    /// winner (the control when the manifest names none), a PAUSED flag is off, a COMPLETED flag is on unless its winner
    /// is the "A" (off) variation or it has none.
    /// </summary>
    internal readonly struct FinishedOutcome
    {
        private FinishedOutcome(string kind, string display, string status, string finalValue)
        {
            Kind = kind;
            Display = display;
            Status = status;
            FinalValue = finalValue;
        }

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
                ? new FinishedOutcome("Experiment", experiment.Display, "COMPLETED with winner " + winner, winner)
                : new FinishedOutcome("Experiment", experiment.Display, "COMPLETED without a winner", control);
        }

        /// <summary>The outcome of a PAUSED or COMPLETED feature flag, or null when it is still deciding.</summary>
        public static FinishedOutcome? Of(FeatureModel feature)
        {
            switch (feature.Status)
            {
                case ItemStatus.Paused:
                    return new FinishedOutcome("Feature flag", feature.Display, "PAUSED", "false");
                case ItemStatus.Completed:
                    var on = feature.WinnerVariationKey != null && feature.WinnerVariationKey != "A";
                    var status = feature.WinnerVariationKey != null ? "COMPLETED with winner " + feature.WinnerVariationKey : "COMPLETED without a winner";
                    return new FinishedOutcome("Feature flag", feature.Display, status, on ? "true" : "false");
                default:
                    return null;
            }
        }

        /// <summary>How the message states the final value: "B" or "on"/"off".</summary>
        public string FinalValueText => FinalValue == "true" ? "on" : FinalValue == "false" ? "off" : FinalValue;
    }
}
