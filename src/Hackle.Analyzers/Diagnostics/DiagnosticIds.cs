

namespace Hackle.Analyzers.Diagnostics
{
    /// <summary>
    /// The ids of the Hackle usage diagnostics and suppressions. Constants, so code fixes and tests can
    /// name them in attributes.
    /// </summary>
    /// <remarks>
    /// HKA105 is reserved for a "static client never closed" rule that is not part of this rule set yet
    /// (docs/diagnostics.md, "Analyzer diagnostics"), so that the other ids keep their published numbers.
    /// </remarks>
    public static class DiagnosticIds
    {
        /// <summary>Client created per request or inside a loop.</summary>
        public const string ClientCreatedPerRequest = "HKA101";

        /// <summary>Client registered with a scoped or transient lifetime.</summary>
        public const string ClientRegisteredPerRequest = "HKA102";

        /// <summary>Locally created client never disposed.</summary>
        public const string ClientNeverDisposed = "HKA103";

        /// <summary>A type stores a client it created but never disposes it.</summary>
        public const string ClientFieldNotDisposed = "HKA104";

        /// <summary>A literal flag key where a generated accessor exists.</summary>
        public const string UseGeneratedAccessor = "HKA106";

        /// <summary>A literal flag key the manifest does not contain.</summary>
        public const string UnknownFlagKey = "HKA107";

        /// <summary>A variation key the experiment does not have.</summary>
        public const string UnknownVariation = "HKA108";

        /// <summary>A finished experiment, flag or dropped variation used (HackleFlags_FinishedItems=diagnostic).</summary>
        public const string FinishedItemUsed = "HKA109";

        /// <summary>A finished experiment or flag decided in code that the clean-up fix can rewrite (every mode).</summary>
        public const string FinishedItemCleanup = "HKA110";

        /// <summary>Suppression of CA2000 where ownership passes to a Hackle API.</summary>
        public const string SuppressCa2000 = "HKS101";

        /// <summary>Suppression of IDISP001 where ownership passes to a Hackle API.</summary>
        public const string SuppressIdisp001 = "HKS102";
    }
}
