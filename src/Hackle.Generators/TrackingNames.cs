namespace Hackle.Generators
{
    /// <summary>Names of the pipeline steps, so tests can assert what each run cached.</summary>
    internal static class TrackingNames
    {
        /// <summary>The accessor assembly the project references instead of generated source, if any.</summary>
        public const string AccessorAssembly = nameof(AccessorAssembly);
        /// <summary>Additional files recognised as manifests, with their text.</summary>
        public const string ManifestFiles = nameof(ManifestFiles);
        /// <summary>Each manifest parsed into a <see cref="Manifest.ManifestModel"/>.</summary>
        public const string ManifestParse = nameof(ManifestParse);
        /// <summary>The reader's diagnostics of each manifest.</summary>
        public const string ManifestDiagnostics = nameof(ManifestDiagnostics);
        /// <summary>MSBuild properties and language version.</summary>
        public const string Options = nameof(Options);
        /// <summary>HackleFlagName attributes of each compilation unit.</summary>
        public const string NameOverrides = nameof(NameOverrides);
        /// <summary>All HackleFlagName attributes of the compilation, sorted.</summary>
        public const string CollectedNameOverrides = nameof(CollectedNameOverrides);
        /// <summary>Name resolution: the emit model and its diagnostics.</summary>
        public const string BuildModel = nameof(BuildModel);
        /// <summary>The emit model alone.</summary>
        public const string EmitModel = nameof(EmitModel);
        /// <summary>The diagnostics of name resolution alone.</summary>
        public const string BuildDiagnostics = nameof(BuildDiagnostics);
        /// <summary>The generated source files.</summary>
        public const string Sources = nameof(Sources);
    }
}
