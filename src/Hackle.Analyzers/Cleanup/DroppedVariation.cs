namespace Hackle.Analyzers.Cleanup
{
    /// <summary>A dropped variation of a running (or paused, or draft) experiment, named by a Variant member.</summary>
    internal sealed class DroppedVariation
    {
        public DroppedVariation(string experiment, string key, string control, string variantKeys, string possibleKeys, bool isOverrideTarget, long experimentKey)
        {
            ExperimentKey = experimentKey;
            Experiment = experiment;
            Key = key;
            Control = control;
            VariantKeys = variantKeys;
            PossibleKeys = possibleKeys;
            IsOverrideTarget = isOverrideTarget;
        }

        /// <summary>How messages name the experiment.</summary>
        public string Experiment { get; }

        /// <summary>The experiment's numeric key.</summary>
        public long ExperimentKey { get; }

        /// <summary>The dropped variation's key.</summary>
        public string Key { get; }

        /// <summary>What users allocated to it get instead: the accessor's default (the enum's first key), or the raw call's default.</summary>
        public string Control { get; }

        /// <summary>The enum's keys in member order; empty for a raw call's string key.</summary>
        public string VariantKeys { get; }

        /// <summary>The keys a decision can still return, in enum order (the dropped ones no override names are left out).</summary>
        public string PossibleKeys { get; }

        /// <summary>True when an override still hands it out, so a decision can return it and its code is live.</summary>
        public bool IsOverrideTarget { get; }
    }
}
