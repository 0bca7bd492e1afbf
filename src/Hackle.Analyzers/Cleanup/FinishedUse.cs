namespace Hackle.Analyzers.Cleanup
{
    /// <summary>A decision call of a finished item: what every user now gets, in which shape, and why it has no fix when it has none.</summary>
    internal readonly struct FinishedUse
    {
        public FinishedUse(FinishedOutcome outcome, string shape, string? variantKeys, string? notFixable)
        {
            Outcome = outcome;
            Shape = shape;
            VariantKeys = variantKeys;
            NotFixable = notFixable;
        }

        public FinishedOutcome Outcome { get; }

        /// <summary>A <see cref="CleanupShapes"/> name.</summary>
        public string Shape { get; }

        /// <summary>The Variant enum's keys in member order (typed experiment calls only).</summary>
        public string? VariantKeys { get; }

        /// <summary>Why the use has no automatic fix, or null.</summary>
        public string? NotFixable { get; }
    }
}
