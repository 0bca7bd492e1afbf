using Hackle.Internal.Model;

namespace Hackle.Internal.Evaluation
{
    /// <summary>The outcome of evaluating one experiment or flag for one user.</summary>
    internal readonly struct ExperimentEvaluation
    {
        public ExperimentEvaluation(Experiment experiment, Variation? variation, string variationKey, DecisionReason reason, ParameterConfig? config)
        {
            Experiment = experiment;
            Variation = variation;
            VariationKey = variationKey;
            Reason = reason;
            Config = config;
        }

        public Experiment Experiment { get; }
        /// <summary>The decided variation, or null when the default key names no variation.</summary>
        public Variation? Variation { get; }
        public string VariationKey { get; }
        public DecisionReason Reason { get; }
        public ParameterConfig? Config { get; }

        public ExperimentEvaluation WithReason(DecisionReason reason) => new ExperimentEvaluation(Experiment, Variation, VariationKey, reason, Config);
    }
}
