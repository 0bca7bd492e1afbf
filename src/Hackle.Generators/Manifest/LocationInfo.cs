using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Generators.Manifest
{
    /// <summary>
    /// An equatable stand-in for <see cref="Location"/> (which holds syntax trees and must not live in
    /// pipeline models). For the manifest it is an external-file location: path, span and line span.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        /// <summary>Makes the compiler location, in source or in an additional file.</summary>
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        /// <summary>Captures a location. The path must come from the line span: it is the only one an
        /// additional-file location carries, and the mapped path is what users see.</summary>
        public static LocationInfo? From(Location location)
        {
            if (location.Kind != LocationKind.SourceFile && location.Kind != LocationKind.ExternalFile) return null;
            var lineSpan = location.GetLineSpan();
            return new LocationInfo(lineSpan.Path, location.SourceSpan, lineSpan.Span);
        }

        /// <summary>A location in <paramref name="text"/>, which was read from <paramref name="path"/>.</summary>
        public static LocationInfo In(string path, SourceText text, int start, int length)
        {
            var span = new TextSpan(start, length);
            return new LocationInfo(path, span, text.Lines.GetLinePositionSpan(span));
        }
    }
}
