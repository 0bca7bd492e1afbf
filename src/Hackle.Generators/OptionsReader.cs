using System;
using System.Collections.Generic;
using Hackle.Generators.Manifest;
using Hackle.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hackle.Generators
{
    /// <summary>
    /// Reads the generator's MSBuild properties (made visible to the compiler with CompilerVisibleProperty)
    /// into <see cref="GeneratorOptions"/>. An invalid value is reported (HKF012) and its default is used.
    /// </summary>
    internal static class OptionsReader
    {
        public const string NamespaceProperty = "HackleFlags_Namespace";
        public const string AccessibilityProperty = "HackleFlags_Accessibility";
        public const string ExperimentsClassProperty = "HackleFlags_ExperimentsClass";
        public const string FeaturesClassProperty = "HackleFlags_FeaturesClass";
        public const string RemoteConfigClassProperty = "HackleFlags_RemoteConfigClass";
        public const string FlagKeysClassProperty = "HackleFlags_FlagKeysClass";
        public const string EmitArchivedProperty = "HackleFlags_EmitArchived";
        public const string VariantNamesProperty = "HackleFlags_VariantNames";
        public const string FinishedItemsProperty = "HackleFlags_FinishedItems";
        /// <summary>Set by HackleTyped.targets, not by users: the accessors are in this referenced assembly.</summary>
        public const string AccessorAssemblyProperty = "_HackleFlagsAccessorAssembly";

        /// <summary>The namespace used when neither HackleFlags_Namespace nor a valid RootNamespace is set.</summary>
        public const string DefaultNamespace = "HackleFlags";

        public static GeneratorOptions Read(AnalyzerConfigOptions options, ParseOptions? parseOptions)
        {
            var diagnostics = new List<DiagnosticInfo>();

            var ns = Get(options, NamespaceProperty);
            if (ns is null || !IsValidNamespace(ns))
            {
                if (ns != null) Invalid(diagnostics, NamespaceProperty, ns, "expected a namespace such as 'MyApp.Flags'");
                var root = Get(options, "RootNamespace");
                ns = root != null && IsValidNamespace(root) ? root : DefaultNamespace;
            }

            var isPublic = false;
            var accessibility = Get(options, AccessibilityProperty);
            if (accessibility != null)
            {
                if (string.Equals(accessibility, "public", StringComparison.OrdinalIgnoreCase)) isPublic = true;
                else if (!string.Equals(accessibility, "internal", StringComparison.OrdinalIgnoreCase))
                    Invalid(diagnostics, AccessibilityProperty, accessibility, "expected 'public' or 'internal'");
            }

            var experiments = ClassName(options, ExperimentsClassProperty, "Experiments", diagnostics);
            var features = ClassName(options, FeaturesClassProperty, "Features", diagnostics);
            var remoteConfig = ClassName(options, RemoteConfigClassProperty, "RemoteConfig", diagnostics);
            var flagKeys = ClassName(options, FlagKeysClassProperty, "FlagKeys", diagnostics);
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (!names.Add(experiments) | !names.Add(features) | !names.Add(remoteConfig) | !names.Add(flagKeys))
            {
                Invalid(diagnostics, ExperimentsClassProperty, experiments + ", " + features + ", " + remoteConfig + ", " + flagKeys,
                    "the experiments, features, remote-config and flag-keys classes need distinct names; the defaults are used");
                experiments = "Experiments";
                features = "Features";
                remoteConfig = "RemoteConfig";
                flagKeys = "FlagKeys";
            }

            var omitArchived = Choice(options, EmitArchivedProperty, "obsolete", "omit", diagnostics);
            var variantNames = Choice(options, VariantNamesProperty, "key", "name", diagnostics);
            var finishedAsDiagnostic = Choice(options, FinishedItemsProperty, "obsolete", "diagnostic", diagnostics);

            var version = (parseOptions as CSharpParseOptions)?.LanguageVersion ?? LanguageVersion.CSharp7_3;
            return new GeneratorOptions(ns, isPublic, experiments, features, remoteConfig, flagKeys, omitArchived, variantNames, finishedAsDiagnostic,
                version >= LanguageVersion.CSharp8, EquatableArray<DiagnosticInfo>.From(diagnostics));
        }

        /// <summary>
        /// The name of the accessor assembly HackleTyped.targets compiled for this project
        /// (<c>_HackleFlagsAccessorAssembly</c>), or null when the accessors are generated into this compilation.
        /// </summary>
        public static string? ReadAccessorAssembly(AnalyzerConfigOptions options) => Get(options, AccessorAssemblyProperty);

        /// <summary>Dotted C# identifiers, none of them a keyword.</summary>
        public static bool IsValidNamespace(string value)
        {
            foreach (var part in value.Split('.'))
            {
                if (!IsPlainIdentifier(part)) return false;
            }
            return true;
        }

        /// <summary>A valid identifier that needs no '@' escape.</summary>
        public static bool IsPlainIdentifier(string value) =>
            SyntaxFacts.IsValidIdentifier(value) &&
            SyntaxFacts.GetKeywordKind(value) == SyntaxKind.None &&
            SyntaxFacts.GetContextualKeywordKind(value) == SyntaxKind.None;

        private static string ClassName(AnalyzerConfigOptions options, string property, string fallback, List<DiagnosticInfo> diagnostics)
        {
            var value = Get(options, property);
            if (value is null) return fallback;
            if (IsPlainIdentifier(value)) return value;
            Invalid(diagnostics, property, value, "expected a C# identifier");
            return fallback;
        }

        /// <summary>Reads a two-valued property; true when it has the second value.</summary>
        private static bool Choice(AnalyzerConfigOptions options, string property, string first, string second, List<DiagnosticInfo> diagnostics)
        {
            var value = Get(options, property);
            if (value is null || string.Equals(value, first, StringComparison.OrdinalIgnoreCase)) return false;
            if (string.Equals(value, second, StringComparison.OrdinalIgnoreCase)) return true;
            Invalid(diagnostics, property, value, "expected '" + first + "' or '" + second + "'");
            return false;
        }

        /// <summary>A trimmed non-empty property value, or null (MSBuild passes unset properties as empty).</summary>
        private static string? Get(AnalyzerConfigOptions options, string property)
        {
            if (!options.TryGetValue("build_property." + property, out var value)) return null;
            value = value.Trim();
            return value.Length == 0 ? null : value;
        }

        private static void Invalid(List<DiagnosticInfo> diagnostics, string property, string value, string expected) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, null, property, value, expected));
    }
}
