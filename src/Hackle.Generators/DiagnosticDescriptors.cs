using Hackle.Generators.Manifest;
using Microsoft.CodeAnalysis;

namespace Hackle.Generators
{
    /// <summary>
    /// Every diagnostic the generator reports (docs/diagnostics.md documents each one). Diagnostics about
    /// the manifest point into hackle.flags.json; the IDE lists them but cannot squiggle or #pragma them,
    /// so users tune them through severity settings (.globalconfig / NoWarn).
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "HackleFlags.Manifest";

        public static readonly DiagnosticDescriptor InvalidJson = Create("HKF001", DiagnosticSeverity.Error,
            "Flag manifest is not valid JSON",
            "Flag manifest '{0}' could not be parsed: {1} (line {2}, column {3})");

        public static readonly DiagnosticDescriptor UnsupportedFormat = Create("HKF002", DiagnosticSeverity.Error,
            "Flag manifest has an unsupported format",
            "Flag manifest '{0}' has an unsupported format: {1}");

        public static readonly DiagnosticDescriptor DuplicateKey = Create("HKF003", DiagnosticSeverity.Error,
            "Duplicate key in the flag manifest",
            "Duplicate {0} '{1}' in the flag manifest; the last definition is used, as the Hackle SDK does");

        public static readonly DiagnosticDescriptor DuplicateVariation = Create("HKF004", DiagnosticSeverity.Error,
            "Duplicate variation key",
            "Experiment {0} declares variation '{1}' more than once; the first one is used");

        public static readonly DiagnosticDescriptor TooFewVariations = Create("HKF005", DiagnosticSeverity.Warning,
            "Experiment has fewer than two variations",
            "Experiment {0} has fewer than two variations; no accessor is generated");

        public static readonly DiagnosticDescriptor InvalidIdentifier = Create("HKF006", DiagnosticSeverity.Warning,
            "Name is not a valid C# identifier",
            "{0} name '{1}' is not a valid C# identifier; it is generated as '{2}'. To choose the name, add {3}");

        public static readonly DiagnosticDescriptor NameCollision = Create("HKF007", DiagnosticSeverity.Warning,
            "Generated names collide",
            "{0} {1} and {2} both map to '{3}'; {2} is generated as '{4}'. To choose the name, add {5}");

        public static readonly DiagnosticDescriptor ReservedName = Create("HKF008", DiagnosticSeverity.Warning,
            "Generated name is reserved",
            "Generated name '{0}' for {1} {2} is reserved; it is generated as '{3}'. To choose the name, add {4}");

        public static readonly DiagnosticDescriptor RetiredItem = Create("HKF009", DiagnosticSeverity.Info,
            "Finished item is generated as obsolete",
            "{0} {1} is {2}; {3}");

        public static readonly DiagnosticDescriptor MultipleManifests = Create("HKF010", DiagnosticSeverity.Warning,
            "Multiple flag manifests",
            "Multiple flag manifests found ({0}); using '{1}'");

        public static readonly DiagnosticDescriptor UnknownNameOverride = Create("HKF011", DiagnosticSeverity.Warning,
            "HackleFlagName refers to an unknown key",
            "HackleFlagName refers to unknown {0} key '{1}'; it has no effect");

        public static readonly DiagnosticDescriptor InvalidOption = Create("HKF012", DiagnosticSeverity.Error,
            "Invalid generator option",
            "Invalid value '{1}' for MSBuild property '{0}': {2}");

        public static readonly DiagnosticDescriptor NoManifest = Create("HKF013", DiagnosticSeverity.Info,
            "No flag manifest",
            "No flag manifest found; add 'hackle.flags.json' to the project as an AdditionalFiles item");

        public static readonly DiagnosticDescriptor SkippedItem = Create("HKF014", DiagnosticSeverity.Warning,
            "Manifest item is skipped",
            "{0} is skipped: {1}");

        public static readonly DiagnosticDescriptor InvalidDefaultValue = Create("HKF015", DiagnosticSeverity.Warning,
            "Remote-config default value does not fit its type",
            "Remote-config parameter '{0}' {1} for type {2}; the generated default is {3}");

        /// <summary>The descriptor of a problem found by the manifest reader.</summary>
        public static DiagnosticDescriptor For(ManifestProblem problem) => problem switch
        {
            ManifestProblem.InvalidJson => InvalidJson,
            ManifestProblem.UnsupportedFormat => UnsupportedFormat,
            ManifestProblem.DuplicateKey => DuplicateKey,
            ManifestProblem.DuplicateVariation => DuplicateVariation,
            ManifestProblem.SkippedItem => SkippedItem,
            _ => InvalidDefaultValue,
        };

        private static DiagnosticDescriptor Create(string id, DiagnosticSeverity severity, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, severity, isEnabledByDefault: true,
                description: "See docs/diagnostics.md, section " + id + ".");
    }
}
