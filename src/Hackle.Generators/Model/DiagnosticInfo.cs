using Hackle.Generators.Manifest;
using Microsoft.CodeAnalysis;

namespace Hackle.Generators.Model
{
    /// <summary>An equatable diagnostic to report later: descriptor, optional location and message arguments.</summary>
    internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        /// <summary>Convenience constructor taking the message arguments in order.</summary>
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new DiagnosticInfo(descriptor, location, new EquatableArray<string>(arguments));

        /// <summary>Wraps a problem found by the manifest reader.</summary>
        public static DiagnosticInfo From(ManifestDiagnostic diagnostic) =>
            new DiagnosticInfo(DiagnosticDescriptors.For(diagnostic.Problem), diagnostic.Location, diagnostic.Arguments);

        /// <summary>Makes the compiler diagnostic.</summary>
        public Diagnostic ToDiagnostic()
        {
            var arguments = new object[Arguments.Count];
            for (var i = 0; i < arguments.Length; i++) arguments[i] = Arguments[i];
            return Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, arguments);
        }
    }
}
