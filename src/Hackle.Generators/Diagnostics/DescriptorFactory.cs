using Microsoft.CodeAnalysis;

namespace Hackle.Generators.Diagnostics
{
    /// <summary>
    /// The one way the generator and the analyzers (which compile this file too) make their descriptors: every
    /// descriptor is enabled by default, says in its description why it fires, and links to its own anchor,
    /// <c>docs/diagnostics.md#&lt;id in lower case&gt;</c>. A test checks that each anchor exists.
    /// </summary>
    internal static class DescriptorFactory
    {
        // The repository has no remote yet; this is the one place to change when it is published.
        private const string DocsBase = "https://github.com/HackleTyped/HackleTyped/blob/main/docs/";

        /// <summary>The help link of a diagnostic id: its anchor in docs/diagnostics.md.</summary>
        public static string HelpLink(string id) => DocsBase + "diagnostics.md#" + id.ToLowerInvariant();

        /// <summary>Makes a descriptor with the shared conventions.</summary>
        public static DiagnosticDescriptor Create(string id, string category, DiagnosticSeverity severity, string title, string message,
            string description) =>
            new DiagnosticDescriptor(id, title, message, category, severity, isEnabledByDefault: true, description: description,
                helpLinkUri: HelpLink(id));
    }
}
