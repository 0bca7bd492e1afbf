namespace Hackle.Generators.Manifest
{
    /// <summary>
    /// What is wrong in a manifest. Deliberately not a diagnostic ID: the generator maps these to its
    /// HKF descriptors, and other consumers of the reader can map them to theirs (or ignore them).
    /// </summary>
    internal enum ManifestProblem
    {
        /// <summary>JSON syntax error. Arguments: file name, message, line, column (1-based).</summary>
        InvalidJson,
        /// <summary>Valid JSON that is not a workspace config. Arguments: file name, reason.</summary>
        UnsupportedFormat,
        /// <summary>A key or property defined twice. Arguments: what (e.g. "experiment key"), the key.</summary>
        DuplicateKey,
        /// <summary>An experiment declares a variation key twice. Arguments: experiment display, variation key.</summary>
        DuplicateVariation,
        /// <summary>An experiment with no variations. Arguments: experiment display.</summary>
        TooFewVariations,
        /// <summary>An item the SDKs would drop or that has no typed accessor. Arguments: what, reason.</summary>
        SkippedItem,
        /// <summary>A remote-config default that does not fit its type. Arguments: key, problem, type, generated default.</summary>
        InvalidDefaultValue,
    }

    /// <summary>A problem found in the manifest, with its exact location in the file.</summary>
    internal sealed record ManifestDiagnostic(ManifestProblem Problem, LocationInfo Location, EquatableArray<string> Arguments)
    {
        /// <summary>Convenience constructor taking the message arguments in order.</summary>
        public static ManifestDiagnostic Create(ManifestProblem problem, LocationInfo location, params string[] arguments) =>
            new ManifestDiagnostic(problem, location, new EquatableArray<string>(arguments));
    }
}
