using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Hackle.Generators.Manifest;
using Hackle.Manifest;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>
    /// Finds the flag manifest among the AdditionalFiles with the generator's rule (file name
    /// hackle.flags.json or metadata HackleFlagsManifest=true; the first path wins) and parses it with the
    /// generator's reader. Parsed models are cached per text, so unchanged manifests are read once.
    /// </summary>
    internal static class ManifestProvider
    {
        private static readonly ConditionalWeakTable<SourceText, ManifestModel> s_cache = new ConditionalWeakTable<SourceText, ManifestModel>();

        /// <summary>The valid manifest of the compilation, or null when there is none (the rules then stay silent).</summary>
        public static ManifestModel? Find(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            AdditionalText? chosen = null;
            foreach (var file in options.AdditionalFiles)
            {
                if (!IsManifest(file, options)) continue;
                if (chosen is null || ManifestFiles.IsPreferred(file.Path, chosen.Path)) chosen = file;
            }
            var text = chosen?.GetText(cancellationToken);
            if (chosen is null || text is null) return null;
            var path = chosen.Path;
            var model = s_cache.GetValue(text, t => ManifestReader.Read(path, t, cancellationToken));
            return model.IsValid ? model : null;
        }

        private static bool IsManifest(AdditionalText file, AnalyzerOptions options) =>
            ManifestFiles.IsManifest(file.Path,
                options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(ManifestFiles.MetadataKey, out var flag) ? flag : null);
    }
}
