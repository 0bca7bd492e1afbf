using System;

namespace Hackle.Manifest
{
    /// <summary>
    /// Which files are flag manifests, and which one counts when a project has several. The build logic
    /// (build/HackleTyped.targets) adds <see cref="FileName"/> beside the project, or the file named by
    /// the HackleFlagsManifest property, as an AdditionalFiles item with <c>HackleFlagsManifest="true"</c>;
    /// the generator and the analyzers apply the rule below to the AdditionalFiles they are given.
    /// </summary>
    internal static class ManifestFiles
    {
        /// <summary>The manifest's conventional file name.</summary>
        public const string FileName = "hackle.flags.json";

        /// <summary>The analyzer-config key of the AdditionalFiles metadata that marks any file as a manifest.</summary>
        public const string MetadataKey = "build_metadata.AdditionalFiles.HackleFlagsManifest";

        /// <summary>True when <paramref name="path"/> names a hackle.flags.json (case-insensitive).</summary>
        public static bool IsManifestPath(string path) =>
            string.Equals(System.IO.Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// True for a file named hackle.flags.json, or one whose HackleFlagsManifest metadata is "true"
        /// (case-insensitive, surrounding white space ignored).
        /// </summary>
        public static bool IsManifest(string path, string? metadataValue) =>
            IsManifestPath(path) ||
            (metadataValue != null && string.Equals(metadataValue.Trim(), "true", StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Among several manifests the one whose path sorts first (ordinal) is used, so the choice does not
        /// depend on the order the compiler lists them in. True when <paramref name="candidate"/> beats <paramref name="current"/>.
        /// </summary>
        public static bool IsPreferred(string candidate, string current) => Order(candidate, current) < 0;

        /// <summary>Sorts manifest paths so that the one that counts comes first.</summary>
        public static int Order(string a, string b) => string.CompareOrdinal(a, b);
    }
}
