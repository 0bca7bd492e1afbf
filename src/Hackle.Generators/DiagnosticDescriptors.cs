using Hackle.Generators.Diagnostics;
using Hackle.Generators.Manifest;
using Microsoft.CodeAnalysis;

namespace Hackle.Generators
{
    /// <summary>
    /// Every diagnostic the generator reports (docs/diagnostics.md documents each one). Diagnostics about
    /// the manifest point into hackle.flags.json; the IDE lists them but cannot squiggle or #pragma them,
    /// so users tune them through severity settings (.globalconfig / NoWarn). Severities follow one rule: a warning
    /// only for something the user must act on, so that a valid export builds clean under TreatWarningsAsErrors;
    /// what the generator resolves by itself (derived names, finished items) is info.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "HackleFlags.Manifest";

        public static readonly DiagnosticDescriptor InvalidJson = Create("HKF001", DiagnosticSeverity.Error,
            "Flag manifest is not valid JSON",
            "Flag manifest '{0}' could not be parsed: {1} (line {2}, column {3})",
            "The manifest must be valid JSON; nothing is generated from it until it parses.");

        public static readonly DiagnosticDescriptor UnsupportedFormat = Create("HKF002", DiagnosticSeverity.Error,
            "Flag manifest has an unsupported format",
            "Flag manifest '{0}' has an unsupported format: {1}",
            "The manifest is JSON but not a Hackle workspace config; nothing is generated from it.");

        public static readonly DiagnosticDescriptor DuplicateKey = Create("HKF003", DiagnosticSeverity.Error,
            "Duplicate key in the flag manifest",
            "Duplicate {0} '{1}' in the flag manifest; the last definition is used, as the Hackle SDK does",
            "A key or property is defined twice; the last definition is used, as the Hackle SDK does.");

        public static readonly DiagnosticDescriptor DuplicateVariation = Create("HKF004", DiagnosticSeverity.Error,
            "Duplicate variation key",
            "Experiment {0} declares variation '{1}' more than once; the first one is used",
            "An experiment declares a variation key twice; the first one is used, as the Hackle SDK does.");

        public static readonly DiagnosticDescriptor TooFewVariations = Create("HKF005", DiagnosticSeverity.Warning,
            "Experiment has no variations",
            "Experiment {0} has no variations; no accessor is generated",
            "An experiment without variations has nothing to decide; no accessor is generated for it.");

        public static readonly DiagnosticDescriptor InvalidIdentifier = Create("HKF006", DiagnosticSeverity.Info,
            "Name is not a valid C# identifier",
            "{0} name '{1}' is not a valid C# identifier; it is generated as '{2}'. To choose the name, add {3}",
            "A name was changed to make a C# identifier. Nothing needs doing; pin another name with HackleFlagName if you like.");

        public static readonly DiagnosticDescriptor NameCollision = Create("HKF007", DiagnosticSeverity.Warning,
            "Generated names collide",
            "{0} {1} and {2} both map to '{3}'; {2} is generated as '{4}'. To choose the name, add {5}",
            "Two items give the same identifier, so one is named with a key suffix and either could take the plain name later; pin one with HackleFlagName.");

        public static readonly DiagnosticDescriptor ReservedName = Create("HKF008", DiagnosticSeverity.Info,
            "Generated name is reserved",
            "Generated name '{0}' for {1} {2} is reserved; it is generated as '{3}'. To choose the name, add {4}",
            "A name clashes with a member of the generated code and gets a key suffix. Nothing needs doing; pin another name with HackleFlagName if you like.");

        public static readonly DiagnosticDescriptor RetiredItem = Create("HKF009", DiagnosticSeverity.Info,
            "Finished item",
            "{0} {1} is {2}; {3}",
            "A completed experiment, a paused or completed flag, or a dropped variation: its uses are code to clean up.");

        public static readonly DiagnosticDescriptor MultipleManifests = Create("HKF010", DiagnosticSeverity.Warning,
            "Multiple flag manifests",
            "Multiple flag manifests found ({0}); using '{1}'",
            "Only one manifest is used per project; the others are ignored.");

        public static readonly DiagnosticDescriptor UnknownNameOverride = Create("HKF011", DiagnosticSeverity.Warning,
            "HackleFlagName refers to an unknown key",
            "HackleFlagName refers to unknown {0} key '{1}'; it has no effect",
            "A HackleFlagName attribute names a key the manifest does not have, so it pins nothing.");

        public static readonly DiagnosticDescriptor InvalidOption = Create("HKF012", DiagnosticSeverity.Error,
            "Invalid generator option",
            "Invalid value '{1}' for MSBuild property '{0}': {2}",
            "An MSBuild option of the generator has an invalid value; its default is used.");

        public static readonly DiagnosticDescriptor NoManifest = Create("HKF013", DiagnosticSeverity.Info,
            "No flag manifest",
            "No flag manifest found; add 'hackle.flags.json' to the project as an AdditionalFiles item",
            "No manifest was found, so no accessors are generated.");

        public static readonly DiagnosticDescriptor SkippedItem = Create("HKF014", DiagnosticSeverity.Warning,
            "Manifest item is skipped",
            "{0} is skipped: {1}",
            "The Hackle SDK will not decide this item (or it has no typed accessor), so nothing is generated for it.");

        public static readonly DiagnosticDescriptor InvalidDefaultValue = Create("HKF015", DiagnosticSeverity.Warning,
            "Remote-config default value does not fit its type",
            "Remote-config parameter '{0}' {1} for type {2}; the generated default is {3}",
            "The remote-config default does not fit the parameter type; the type's empty value is generated instead.");

        public static readonly DiagnosticDescriptor FallbackNames = Create("HKF016", DiagnosticSeverity.Info,
            "Items named from their key",
            "{0} in '{3}' {1} no name and {1} been named from the key ({2}); to keep such a name when the item gets a name in Hackle, pin it, e.g. {4}",
            "Items without a dashboard name are named from their key; a name given in Hackle later renames them unless they are pinned.");

        public static readonly DiagnosticDescriptor PinOutsideAccessorAssembly = Create("HKF017", DiagnosticSeverity.Warning,
            "HackleFlagName is not seen by the accessor assembly",
            "The name pin '{0}' has no effect: the accessors are compiled into '{1}' from the manifest and the files listed as HackleFlagNames items; list this file as <HackleFlagNames Include=\"...\" />",
            "In accessor-assembly mode the accessors are compiled apart from the project's sources, so a HackleFlagName attribute only applies from a file listed as a HackleFlagNames item.");

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

        private static DiagnosticDescriptor Create(string id, DiagnosticSeverity severity, string title, string message, string description) =>
            DescriptorFactory.Create(id, Category, severity, title, message, description);
    }
}
