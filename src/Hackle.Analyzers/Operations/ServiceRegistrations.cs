using Microsoft.CodeAnalysis;

namespace Hackle.Analyzers.Operations
{
    /// <summary>
    /// Recognises dependency-injection registration methods by name and declaring namespace, so that the
    /// analyzers need no reference to Microsoft.Extensions.DependencyInjection and also see Hackle's own
    /// hosting extensions (AddHackle), which live in a package the analyzers do not reference.
    /// </summary>
    internal static class ServiceRegistrations
    {
        private const string DiNamespace = "Microsoft.Extensions.DependencyInjection";
        private const string DiExtensionsNamespace = "Microsoft.Extensions.DependencyInjection.Extensions";

        /// <summary>True for Add*/TryAdd* registration methods of the container and for ServiceDescriptor factories.</summary>
        public static bool IsRegistration(IMethodSymbol method, KnownTypes types)
        {
            if (IsHackleRegistration(method)) return true;
            if (types.ServiceDescriptor != null && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.ServiceDescriptor)) return true;
            return (method.Name.StartsWith("Add", System.StringComparison.Ordinal) || method.Name.StartsWith("TryAdd", System.StringComparison.Ordinal))
                && (method.IsInNamespace(DiNamespace) || method.IsInNamespace(DiExtensionsNamespace));
        }

        /// <summary>
        /// True for the hosting package's <c>AddHackle</c>: a method of that name on a type whose name mentions
        /// Hackle, in the Hackle or the DI namespace. It takes ownership of the client it is given.
        /// </summary>
        public static bool IsHackleRegistration(IMethodSymbol method)
        {
            if (method.Name != "AddHackle") return false;
            var type = method.ContainingType;
            if (type is null || type.Name.IndexOf("Hackle", System.StringComparison.Ordinal) < 0) return false;
            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns == "Hackle" || ns.StartsWith("Hackle.", System.StringComparison.Ordinal) || ns == DiNamespace;
        }

        /// <summary>The lifetime word a registration method's name implies (Singleton, Scoped, Transient), or null.</summary>
        public static string? LifetimeInName(string methodName)
        {
            if (methodName.EndsWith("Scoped", System.StringComparison.Ordinal)) return "Scoped";
            if (methodName.EndsWith("Transient", System.StringComparison.Ordinal)) return "Transient";
            if (methodName.EndsWith("Singleton", System.StringComparison.Ordinal)) return "Singleton";
            return null;
        }
    }
}
