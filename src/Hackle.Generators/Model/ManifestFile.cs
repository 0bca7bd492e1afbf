using System;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Generators.Model
{
    /// <summary>
    /// A manifest additional file and its text. Equal when path and content are equal, so re-saving an
    /// unchanged manifest does not re-run the parse step.
    /// </summary>
    internal sealed class ManifestFile : IEquatable<ManifestFile>
    {
        public ManifestFile(string path, SourceText? text)
        {
            Path = path;
            Text = text;
        }

        public string Path { get; }

        /// <summary>Null when the file could not be read.</summary>
        public SourceText? Text { get; }

        public bool Equals(ManifestFile? other)
        {
            if (other is null) return false;
            if (ReferenceEquals(this, other)) return true;
            if (!string.Equals(Path, other.Path, StringComparison.Ordinal)) return false;
            if (ReferenceEquals(Text, other.Text)) return true;
            return Text != null && other.Text != null && Text.ContentEquals(other.Text);
        }

        public override bool Equals(object? obj) => Equals(obj as ManifestFile);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path) ^ (Text?.Length ?? -1);
    }
}
