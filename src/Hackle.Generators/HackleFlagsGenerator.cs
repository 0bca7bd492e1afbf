using System.Collections.Immutable;
using Hackle.Generators.Emit;
using Hackle.Generators.Manifest;
using Hackle.Generators.Model;
using Hackle.Manifest;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Generators
{
    /// <summary>
    /// Generates typed accessors (Experiments, Features, RemoteConfig, FlagKeys) from hackle.flags.json.
    /// This file holds only the pipeline; every step works on equatable models so that unrelated edits
    /// are served from the cache.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class HackleFlagsGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // In accessor-assembly mode (HackleTyped.targets) this generator runs in a separate compilation that
            // builds <AssemblyName>.HackleFlags.dll, which reports the manifest's diagnostics; in the project's own
            // compilation it then reads no manifest and emits nothing.
            var accessorAssembly = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) => OptionsReader.ReadAccessorAssembly(options.GlobalOptions))
                .WithTrackingName(TrackingNames.AccessorAssembly);

            var manifestFiles = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Where(static pair => IsManifest(pair.Left, pair.Right))
                .Combine(accessorAssembly)
                .Where(static pair => pair.Right is null)
                .Select(static (pair, cancellationToken) => new ManifestFile(pair.Left.Left.Path, pair.Left.Left.GetText(cancellationToken)))
                .WithTrackingName(TrackingNames.ManifestFiles);

            var manifests = manifestFiles
                .Select(static (file, cancellationToken) => Parse(file, cancellationToken))
                .WithTrackingName(TrackingNames.ManifestParse);

            var options = context.AnalyzerConfigOptionsProvider
                .Combine(context.ParseOptionsProvider)
                .Select(static (pair, _) => OptionsReader.Read(pair.Left.GlobalOptions, pair.Right))
                .WithTrackingName(TrackingNames.Options);

            // The attribute is matched by metadata name, so only files that mention it are looked at.
            var overrides = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NameOverrideReader.AttributeMetadataName,
                    static (node, _) => node is CompilationUnitSyntax,
                    static (attributeContext, cancellationToken) => NameOverrideReader.Read(attributeContext, cancellationToken))
                .WithTrackingName(TrackingNames.NameOverrides)
                .Collect()
                .Select(static (perFile, _) => NameOverrideReader.Merge(perFile))
                .WithTrackingName(TrackingNames.CollectedNameOverrides);

            var build = manifests.Collect()
                .Combine(options)
                .Combine(overrides)
                .Combine(accessorAssembly)
                .Select(static (input, cancellationToken) => input.Right is null
                    ? EmitModelBuilder.Build(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, cancellationToken)
                    : EmitModelBuilder.AccessorsReferenced(input.Right, input.Left.Right))
                .WithTrackingName(TrackingNames.BuildModel);

            // Source and diagnostics are separate outputs: moving text in the manifest changes locations
            // (and so the diagnostics) without changing the emit model, and then no source is re-emitted.
            var sources = build
                .Select(static (result, _) => result.Model)
                .WithTrackingName(TrackingNames.EmitModel)
                .Select(static (model, cancellationToken) => Emitter.Emit(model, cancellationToken))
                .WithTrackingName(TrackingNames.Sources);
            context.RegisterSourceOutput(sources, static (production, files) =>
            {
                foreach (var file in files)
                {
                    production.AddSource(file.HintName, SourceText.From(file.Text, System.Text.Encoding.UTF8));
                }
            });

            var manifestDiagnostics = manifests
                .Select(static (manifest, _) => manifest.Diagnostics)
                .WithTrackingName(TrackingNames.ManifestDiagnostics);
            context.RegisterSourceOutput(manifestDiagnostics, static (production, diagnostics) =>
            {
                foreach (var diagnostic in diagnostics) production.ReportDiagnostic(DiagnosticInfo.From(diagnostic).ToDiagnostic());
            });

            var buildDiagnostics = build
                .Select(static (result, _) => result.Diagnostics)
                .WithTrackingName(TrackingNames.BuildDiagnostics);
            context.RegisterSourceOutput(buildDiagnostics, static (production, diagnostics) =>
            {
                foreach (var diagnostic in diagnostics) production.ReportDiagnostic(diagnostic.ToDiagnostic());
            });
        }

        private static bool IsManifest(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
            ManifestFiles.IsManifest(file.Path, options.GetOptions(file).TryGetValue(ManifestFiles.MetadataKey, out var flag) ? flag : null);

        private static ManifestModel Parse(ManifestFile file, System.Threading.CancellationToken cancellationToken)
        {
            if (file.Text != null) return ManifestReader.Read(file.Path, file.Text, cancellationToken);
            // The compiler could not read the file: report it where the file starts.
            var start = new LocationInfo(file.Path, new TextSpan(0, 0), new LinePositionSpan(default, default));
            var problem = ManifestDiagnostic.Create(ManifestProblem.InvalidJson, start, System.IO.Path.GetFileName(file.Path),
                "the file could not be read", "1", "1");
            return new ManifestModel(file.Path, false, EquatableArray<ExperimentModel>.Empty, EquatableArray<FeatureModel>.Empty,
                EquatableArray<RemoteConfigModel>.Empty, new EquatableArray<ManifestDiagnostic>(new[] { problem }));
        }
    }
}
