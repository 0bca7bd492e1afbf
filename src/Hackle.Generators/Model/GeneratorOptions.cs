using Hackle.Generators.Manifest;

namespace Hackle.Generators.Model
{
    /// <summary>The generator's options, read from MSBuild properties (build_property.HackleFlags_*).</summary>
    /// <param name="Namespace">Namespace of the generated types.</param>
    /// <param name="IsPublic">Accessibility of the generated top-level types: public, or internal (default).</param>
    /// <param name="ExperimentsClass">Name of the experiments class.</param>
    /// <param name="FeaturesClass">Name of the feature-flags class.</param>
    /// <param name="RemoteConfigClass">Name of the remote-config class.</param>
    /// <param name="FlagKeysClass">Name of the raw-keys class.</param>
    /// <param name="OmitArchived">True when finished items are left out instead of generated [Obsolete].</param>
    /// <param name="VariantNamesFromNames">True when enum members come from variation names instead of keys.</param>
    /// <param name="FinishedItemsAsDiagnostic">True when finished items are only reported (HKF009, which does not
    /// break TreatWarningsAsErrors builds) instead of being generated [Obsolete] (CS0618 at every use).</param>
    /// <param name="SupportsNullable">True when the consumer's language version has #nullable (C# 8+).</param>
    /// <param name="Diagnostics">Invalid property values (HKF012).</param>
    internal sealed record GeneratorOptions(
        string Namespace,
        bool IsPublic,
        string ExperimentsClass,
        string FeaturesClass,
        string RemoteConfigClass,
        string FlagKeysClass,
        bool OmitArchived,
        bool VariantNamesFromNames,
        bool FinishedItemsAsDiagnostic,
        bool SupportsNullable,
        EquatableArray<DiagnosticInfo> Diagnostics);
}
