using Microsoft.CodeAnalysis;

namespace Hackle.Analyzers.Operations
{
    /// <summary>Type and attribute tests on symbols that tolerate absent (null) known types.</summary>
    internal static class SymbolExtensions
    {
        /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it (generic bases by definition).</summary>
        public static bool InheritsFrom(this ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null) return false;
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType)) return true;
            }
            return false;
        }

        /// <summary>True when <paramref name="type"/> is or implements the interface <paramref name="interfaceType"/>.</summary>
        public static bool Implements(this ITypeSymbol? type, INamedTypeSymbol? interfaceType)
        {
            if (type is null || interfaceType is null) return false;
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, interfaceType)) return true;
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, interfaceType)) return true;
            }
            return false;
        }

        /// <summary>True when <paramref name="symbol"/> carries <paramref name="attribute"/> (or a subclass of it).</summary>
        public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol? attribute)
        {
            if (attribute is null) return false;
            foreach (var data in symbol.GetAttributes())
            {
                if (data.AttributeClass.InheritsFrom(attribute)) return true;
            }
            return false;
        }

        /// <summary>True when <paramref name="type"/> or one of its base types carries <paramref name="attribute"/>.</summary>
        public static bool HasAttributeInHierarchy(this ITypeSymbol type, INamedTypeSymbol? attribute)
        {
            if (attribute is null) return false;
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.HasAttribute(attribute)) return true;
            }
            return false;
        }

        /// <summary>True when the symbol's containing namespace is exactly <paramref name="name"/>.</summary>
        public static bool IsInNamespace(this ISymbol symbol, string name) =>
            symbol.ContainingNamespace?.ToDisplayString() == name;

        /// <summary>True for the methods that end a client's life: Dispose, DisposeAsync and Close.</summary>
        public static bool IsDisposeLike(this IMethodSymbol method) =>
            method.Name == "Dispose" || method.Name == "DisposeAsync" || method.Name == "Close";
    }
}
