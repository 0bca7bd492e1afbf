using System.Collections.Generic;

namespace Hackle.Internal.Model
{
    /// <summary>An A/B test or a feature flag, after the tolerant mapping of docs/protocol.md §1.3.</summary>
    internal sealed class Experiment
    {
        public long Id;
        public long Key;
        public string? Name;
        public ExperimentType Type;
        public string IdentifierType = "$id";
        public ExperimentStatus Status;
        public int Version;
        public int ExecutionVersion;
        public Variation[] Variations = System.Array.Empty<Variation>();
        public Dictionary<string, long> UserOverrides = new Dictionary<string, long>(System.StringComparer.Ordinal);
        public TargetRule[] SegmentOverrides = System.Array.Empty<TargetRule>();
        public Target[] TargetAudiences = System.Array.Empty<Target>();
        public TargetRule[] TargetRules = System.Array.Empty<TargetRule>();
        public TargetAction DefaultRule = null!;
        public long? ContainerId;
        public long? WinnerVariationId;
        /// <summary>The exposure fields that depend on this experiment alone, as the delivery's payload writer encoded them (it makes and reads them).</summary>
        public Delivery.EncodedExperimentFields? EncodedExposureFields;

        public Variation? GetVariation(long id)
        {
            var variations = Variations;
            for (var i = 0; i < variations.Length; i++)
            {
                if (variations[i].Id == id) return variations[i];
            }
            return null;
        }

        public Variation? GetVariation(string key)
        {
            var variations = Variations;
            for (var i = 0; i < variations.Length; i++)
            {
                if (string.Equals(variations[i].Key, key, System.StringComparison.Ordinal)) return variations[i];
            }
            return null;
        }
    }
}
