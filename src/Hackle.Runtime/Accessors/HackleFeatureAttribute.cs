using System;

namespace Hackle.Accessors
{
    /// <summary>
    /// Marks a generated feature-flag class with the flag's key, which <see cref="FeatureAccessor{TSelf}"/> reads once per flag.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public sealed class HackleFeatureAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="key">The feature key.</param>
        public HackleFeatureAttribute(long key) => Key = key;

        /// <summary>The feature key.</summary>
        public long Key { get; }
    }
}
