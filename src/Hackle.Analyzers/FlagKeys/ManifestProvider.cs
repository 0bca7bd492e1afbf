using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    /// <remarks>
    /// Two caches: by text instance (the IDE keeps the same text across edits of other files), and by path and
    /// content checksum, for the compiler server, which reads the file into a new text on every build. Parsing
    /// a 2,000-item manifest takes a few hundred milliseconds; a checksum takes a few. The second cache keeps
    /// the last <see cref="RecentCapacity"/> manifests only, so a long-lived server holds a bounded amount.
    /// </remarks>
    internal static class ManifestProvider
    {
        private const int RecentCapacity = 2;
        private static readonly ConditionalWeakTable<SourceText, ManifestModel> s_byText = new ConditionalWeakTable<SourceText, ManifestModel>();
        private static readonly LinkedList<Entry> s_recent = new LinkedList<Entry>();

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
            var model = s_byText.GetValue(text, t => ReadOrReuse(path, t, cancellationToken));
            return model.IsValid ? model : null;
        }

        private static ManifestModel ReadOrReuse(string path, SourceText text, CancellationToken cancellationToken)
        {
            var checksum = text.GetChecksum();
            lock (s_recent)
            {
                for (var node = s_recent.First; node != null; node = node.Next)
                {
                    if (node.Value.Matches(path, text.ChecksumAlgorithm, checksum)) return node.Value.Model;
                }
            }
            var model = ManifestReader.Read(path, text, cancellationToken);
            if (checksum.IsDefaultOrEmpty) return model;
            lock (s_recent)
            {
                s_recent.AddFirst(new Entry(path, text.ChecksumAlgorithm, checksum, model));
                while (s_recent.Count > RecentCapacity) s_recent.RemoveLast();
            }
            return model;
        }

        private static bool IsManifest(AdditionalText file, AnalyzerOptions options) =>
            ManifestFiles.IsManifest(file.Path,
                options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(ManifestFiles.MetadataKey, out var flag) ? flag : null);

        private sealed class Entry
        {
            private readonly string _path;
            private readonly SourceHashAlgorithm _algorithm;
            private readonly ImmutableArray<byte> _checksum;

            public Entry(string path, SourceHashAlgorithm algorithm, ImmutableArray<byte> checksum, ManifestModel model)
            {
                _path = path;
                _algorithm = algorithm;
                _checksum = checksum;
                Model = model;
            }

            public ManifestModel Model { get; }

            public bool Matches(string path, SourceHashAlgorithm algorithm, ImmutableArray<byte> checksum) =>
                _algorithm == algorithm && string.Equals(_path, path, System.StringComparison.Ordinal) && _checksum.SequenceEqual(checksum);
        }
    }
}
