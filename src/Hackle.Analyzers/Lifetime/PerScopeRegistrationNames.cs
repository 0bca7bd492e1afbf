using System.Collections.Generic;
using System.Threading;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>
    /// The simple names of the classes that some registration in the compilation may make scoped or transient,
    /// read from syntax alone. HKA104 ("a field holds a client the type never disposes") is decided when its
    /// type's analysis ends, before the registrations in other files have been seen by
    /// <see cref="ScopedServiceRegistry"/>; for a scoped or transient service its advice would be wrong (disposing
    /// the shared client per scope is HKA101), so it asks here first. Built once per compilation, and only when a
    /// type would get HKA104, which is rare: most builds never pay for the scan.
    /// </summary>
    /// <remarks>
    /// Matching by simple name can only silence HKA104 for a same-named class; it never adds a diagnostic.
    /// Recognised: a call whose name says Scoped or Transient (<c>AddScoped&lt;T&gt;</c>, <c>TryAddTransient(typeof(T))</c>,
    /// <c>ServiceDescriptor.Scoped&lt;S, T&gt;</c>, <c>AddScoped(sp =&gt; new T())</c>) and any call or creation with a
    /// <c>ServiceLifetime.Scoped</c>/<c>Transient</c> argument; its classes are type arguments, <c>typeof</c>
    /// operands and the classes its lambdas create with <c>new</c>.
    /// </remarks>
    internal sealed class PerScopeRegistrationNames
    {
        private readonly Compilation _compilation;
        private HashSet<string>? _names;

        public PerScopeRegistrationNames(Compilation compilation) => _compilation = compilation;

        /// <summary>True when some registration may make <paramref name="type"/> scoped or transient.</summary>
        public bool MayContain(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            var names = Volatile.Read(ref _names);
            if (names == null)
            {
                names = Scan(_compilation, cancellationToken);
                Interlocked.CompareExchange(ref _names, names, null);
            }
            return names.Contains(type.Name);
        }

        private static HashSet<string> Scan(Compilation compilation, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    switch (node)
                    {
                        case InvocationExpressionSyntax invocation when RegistersPerScope(invocation):
                            CollectTypes(invocation, names);
                            break;
                        case BaseObjectCreationExpressionSyntax creation when creation.ArgumentList != null && HasPerScopeLifetimeArgument(creation.ArgumentList):
                            CollectTypes(creation.ArgumentList, names);
                            break;
                    }
                }
            }
            return names;
        }

        private static bool RegistersPerScope(InvocationExpressionSyntax invocation)
        {
            var name = MethodName(invocation.Expression);
            var lifetime = name == null ? null : ServiceRegistrations.LifetimeInName(name);
            return lifetime == "Scoped" || lifetime == "Transient" || HasPerScopeLifetimeArgument(invocation.ArgumentList);
        }

        private static bool HasPerScopeLifetimeArgument(ArgumentListSyntax arguments)
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } access
                    && (member == "Scoped" || member == "Transient")
                    && SimpleName(access.Expression) == "ServiceLifetime")
                {
                    return true;
                }
            }
            return false;
        }

        private static void CollectTypes(SyntaxNode registration, HashSet<string> names)
        {
            foreach (var node in registration.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case TypeArgumentListSyntax typeArguments:
                        foreach (var type in typeArguments.Arguments) Add(type, names);
                        break;
                    case TypeOfExpressionSyntax typeOf:
                        Add(typeOf.Type, names);
                        break;
                    case ObjectCreationExpressionSyntax created:
                        Add(created.Type, names);
                        break;
                }
            }
        }

        private static void Add(TypeSyntax type, HashSet<string> names)
        {
            if (SimpleName(type) is { } name) names.Add(name);
        }

        private static string? MethodName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        /// <summary>The rightmost identifier of a (qualified, generic) name: <c>Shop.CheckoutFlags&lt;T&gt;</c> is CheckoutFlags.</summary>
        private static string? SimpleName(SyntaxNode node) => node switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
