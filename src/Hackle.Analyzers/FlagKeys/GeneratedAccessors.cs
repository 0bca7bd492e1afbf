using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>
    /// The typed accessors the generator emitted into this compilation, indexed by key. They are looked up
    /// rather than re-derived from the manifest, so collisions, pinned names and the namespace and class-name
    /// options are all exactly as generated.
    /// </summary>
    /// <remarks>
    /// The accessors are either generated into this compilation or, in accessor-assembly mode
    /// (<c>HackleFlags_AccessorAssembly</c>, docs/generator.md), referenced from <c>&lt;AssemblyName&gt;.HackleFlags.dll</c>.
    /// Generated source: the keys are read from the syntax (<c>public const long Key = 42L;</c>), not from the field
    /// symbols: binding the members of a thousand accessor classes took the analyzers about a second on a large
    /// manifest, reading the already parsed declarations takes milliseconds; a class whose key is not written
    /// as a literal falls back to its symbol. Metadata: there is no syntax, and a constant field read from
    /// metadata is not bound, only decoded, so every key comes from its symbol.
    /// </remarks>
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
                var container = Container(compilation, ns + "." + className);
                if (container is null) continue;
                var byName = new Dictionary<string, INamedTypeSymbol>();
                foreach (var accessor in container.GetTypeMembers())
                {
                    if (accessor.Arity == 0 && !byName.ContainsKey(accessor.Name)) byName[accessor.Name] = accessor;
                }
                if (container.DeclaringSyntaxReferences.IsEmpty)
                {
                    // From the accessor assembly (metadata): every nested class in declaration order, key from its symbol.
                    foreach (var accessor in container.GetTypeMembers())
                    {
                        if (accessor.Arity != 0 || !ReferenceEquals(byName[accessor.Name], accessor)) continue;
                        if (KeyOf(accessor) is long value && !byKey.ContainsKey(value)) byKey[value] = accessor;
                    }
                    break;
                }
                foreach (var reference in container.DeclaringSyntaxReferences)
                {
                    if (!(reference.GetSyntax() is TypeDeclarationSyntax declaration)) continue;
                    foreach (var member in declaration.Members)
                    {
                        if (!(member is ClassDeclarationSyntax nested) || nested.TypeParameterList != null) continue;
                        if (!byName.TryGetValue(nested.Identifier.ValueText, out var accessor)) continue;
                        var key = KeyOf(nested) ?? KeyOf(accessor);
                        if (key is long value && !byKey.ContainsKey(value)) byKey[value] = accessor;
                    }
                }
                break;
            }
            return byKey;
        }

        /// <summary>
        /// The generated class of that name this compilation can use: its own (generated source) first, else one from
        /// a referenced assembly (the accessor assembly). Another project's accessors, internal to it, are skipped, so
        /// a referenced project with the same namespace does not hide this project's own.
        /// </summary>
        private static INamedTypeSymbol? Container(Compilation compilation, string metadataName)
        {
            var own = compilation.Assembly.GetTypeByMetadataName(metadataName);
            if (own != null) return IsGenerated(own) ? own : null;
            INamedTypeSymbol? found = null;
            foreach (var candidate in compilation.GetTypesByMetadataName(metadataName))
            {
                if (!IsGenerated(candidate) || !compilation.IsSymbolAccessibleWithin(candidate, compilation.Assembly)) continue;
                if (found != null) return null;   // two usable ones: the compiler reports the ambiguity at each use
                found = candidate;
            }
            return found;
        }

        /// <summary>The value of <c>const long Key = 42L;</c> (or <c>-42L</c>) as the generator writes it, or null.</summary>
        private static long? KeyOf(ClassDeclarationSyntax accessor)
        {
            foreach (var member in accessor.Members)
            {
                if (!(member is FieldDeclarationSyntax field) || !field.Modifiers.Any(SyntaxKind.ConstKeyword)) continue;
                foreach (var variable in field.Declaration.Variables)
                {
                    if (variable.Identifier.ValueText != "Key") continue;
                    return LiteralValue(variable.Initializer?.Value);
                }
            }
            return null;
        }

        private static long? LiteralValue(ExpressionSyntax? expression)
        {
            var negate = false;
            if (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus)
            {
                negate = true;
                expression = minus.Operand;
            }
            if (!(expression is LiteralExpressionSyntax literal) || !literal.IsKind(SyntaxKind.NumericLiteralExpression)) return null;
            long value;
            switch (literal.Token.Value)
            {
                case long l: value = l; break;
                case int i: value = i; break;
                default: return null;
            }
            return negate ? -value : value;
        }

        private static long? KeyOf(INamedTypeSymbol accessor) =>
            accessor.GetMembers("Key").OfType<IFieldSymbol>().FirstOrDefault(f => f.IsConst)?.ConstantValue is long value ? value : (long?)null;

        private static bool IsGenerated(INamedTypeSymbol type) => type.GetAttributes().Any(a =>
            a.AttributeClass?.Name == "GeneratedCodeAttribute"
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is string tool
            && tool == GeneratorName);

        private static string? Option(AnalyzerConfigOptions options, string name) =>
            options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }
}
