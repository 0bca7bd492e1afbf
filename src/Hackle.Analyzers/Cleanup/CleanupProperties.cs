namespace Hackle.Analyzers.Cleanup
{
    /// <summary>Keys of the properties HKA110 hands to the clean-up code fix.</summary>
    internal static class CleanupProperties
    {
        /// <summary>What every user now gets: a variation key ("B"), or "true"/"false" for a feature flag.</summary>
        public const string FinalValue = "FinalValue";

        /// <summary>What the call returns: one of the <see cref="CleanupShapes"/> names.</summary>
        public const string Shape = "Shape";

        /// <summary>For the typed accessors: the variation keys in Variant enum order (member i is key i), e.g. "ABC".</summary>
        public const string VariantKeys = "VariantKeys";

        /// <summary>
        /// For a use of a dropped variation: the keys a decision can still return, in enum order; the fix then folds only what
        /// these decide (the dropped variation's arm and branches go, the decision stays).
        /// </summary>
        public const string PossibleKeys = "PossibleKeys";

        /// <summary>For a dropped variation named by a raw call's string: the experiment key the call must have for the fix to fold it.</summary>
        public const string ExperimentKey = "ExperimentKey";

        /// <summary>The code fix's title ("Keep B and remove …").</summary>
        public const string FixTitle = "FixTitle";

        /// <summary>Present when the use cannot be rewritten; the reason, also part of the message.</summary>
        public const string NotFixable = "NotFixable";
    }

    /// <summary>The value shapes of a finished decision call.</summary>
    internal static class CleanupShapes
    {
        /// <summary>A typed accessor's Variant enum member.</summary>
        public const string Enum = "Enum";

        /// <summary>The raw API's variation key string.</summary>
        public const string String = "String";

        /// <summary>A feature flag's on/off, or a BOOLEAN parameter's value.</summary>
        public const string Boolean = "Boolean";

        /// <summary>A NUMBER parameter's value (a double).</summary>
        public const string Number = "Number";
    }
}
