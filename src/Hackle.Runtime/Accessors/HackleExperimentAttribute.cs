using System;

namespace Hackle.Accessors
{
    /// <summary>
    /// Marks a generated experiment's <c>Variant</c> enum with the experiment's key and its variation keys in the enum's
    /// member order, which <see cref="ExperimentAccessor{TVariant}"/> reads once per experiment.
    /// </summary>
    [AttributeUsage(AttributeTargets.Enum, Inherited = false)]
    public sealed class HackleExperimentAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="key">The experiment key.</param>
        /// <param name="variationKeys">The variation keys, one letter each, in the enum's member order; the first is the control.</param>
        public HackleExperimentAttribute(long key, string variationKeys)
        {
            Key = key;
            VariationKeys = variationKeys;
        }

        /// <summary>The experiment key.</summary>
        public long Key { get; }

        /// <summary>The variation keys in the enum's member order, control first.</summary>
        public string VariationKeys { get; }
    }
}
