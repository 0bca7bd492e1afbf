using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>
    /// The typed accessors the generator emitted into this compilation, indexed by key. They are looked up
    /// rather than re-derived from the manifest, so collisions, pinned names and the namespace and class-name
    /// options are all exactly as generated.
    /// </summary>
    internal sealed class GeneratedAccessors
    {
        private const string GeneratorName = "Hackle.Generators";

        private GeneratedAccessors(Dictionary<long, INamedTypeSymbol> experiments, Dictionary<long, INamedTypeSymbol> features)
        {
            Experiments = experiments;
            Features = features;
        }

        /// <summary>Accessor classes of experiments (e.g. <c>Experiments.Checkout</c>) by experiment key.</summary>
        public IReadOnlyDictionary<long, INamedTypeSymbol> Experiments { get; }

        /// <summary>Accessor classes of feature flags (e.g. <c>Features.NewCheckout</c>) by feature key.</summary>
        public IReadOnlyDictionary<long, INamedTypeSymbol> Features { get; }

        /// <summary>Finds the generated Experiments and Features classes through the generator's MSBuild options.</summary>
        public static GeneratedAccessors Find(Compilation compilation, AnalyzerConfigOptions globalOptions)
        {
            var root = Option(globalOptions, "RootNamespace");
            var namespaces = new[] { Option(globalOptions, "HackleFlags_Namespace"), root, "HackleFlags" }
                .Where(n => n != null).Distinct().ToArray();
            return new GeneratedAccessors(
                Index(compilation, namespaces, Option(globalOptions, "HackleFlags_ExperimentsClass") ?? "Experiments"),
                Index(compilation, namespaces, Option(globalOptions, "HackleFlags_FeaturesClass") ?? "Features"));
        }

        private static Dictionary<long, INamedTypeSymbol> Index(Compilation compilation, string?[] namespaces, string className)
        {
            var byKey = new Dictionary<long, INamedTypeSymbol>();
            foreach (var ns in namespaces)
            {
                var container = compilation.GetTypeByMetadataName(ns + "." + className);
                if (container is null || !IsGenerated(container) || !compilation.IsSymbolAccessibleWithin(container, compilation.Assembly)) continue;
                foreach (var accessor in container.GetTypeMembers())
                {
                    var key = accessor.GetMembers("Key").OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst);
                    if (key?.ConstantValue is long value && !byKey.ContainsKey(value)) byKey[value] = accessor;
                }
                break;
            }
            return byKey;
        }

        private static bool IsGenerated(INamedTypeSymbol type) => type.GetAttributes().Any(a =>
            a.AttributeClass?.Name == "GeneratedCodeAttribute"
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is string tool
            && tool == GeneratorName);

        private static string? Option(AnalyzerConfigOptions options, string name) =>
            options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }
}
