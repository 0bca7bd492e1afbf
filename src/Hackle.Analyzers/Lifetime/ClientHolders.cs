using System.Linq;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>The kind of instance member that holds created clients indirectly (HKA104).</summary>
    internal enum HolderKind
    {
        /// <summary>Not a holder: the member is the client itself.</summary>
        None,

        /// <summary>A <c>Lazy&lt;IHackleClient&gt;</c>: the client is its <c>Value</c>, once created.</summary>
        Lazy,

        /// <summary>A dictionary of clients (per tenant): the clients are its <c>Values</c>.</summary>
        Dictionary,
    }

    /// <summary>
    /// Instance <c>Lazy&lt;&gt;</c> fields and dictionaries that a type fills with clients it creates
    /// (<c>new Lazy&lt;IHackleClient&gt;(() =&gt; HackleClient.Create(k))</c>,
    /// <c>_clients.GetOrAdd(tenant, t =&gt; HackleClient.Create(t))</c>, <c>_clients[tenant] = HackleClient.Create(…)</c>),
    /// and whether the type disposes what they hold.
    /// </summary>
    internal static class ClientHolders
    {
        /// <summary>The holder kind of a member's type: Lazy of a client, or a dictionary whose values are clients.</summary>
        public static HolderKind KindOf(ITypeSymbol? type, KnownTypes types)
        {
            if (!(type is INamedTypeSymbol { IsGenericType: true } named)) return HolderKind.None;
            if (types.Lazy != null && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, types.Lazy)
                && types.IsClientType(named.TypeArguments[0]))
            {
                return HolderKind.Lazy;
            }
            if (named.TypeArguments.Length == 2 && types.IsClientType(named.TypeArguments[1])
                && named.Name.EndsWith("Dictionary", System.StringComparison.Ordinal)
                && named.GetMembers("Values").OfType<IPropertySymbol>().Any())
            {
                return HolderKind.Dictionary;
            }
            return HolderKind.None;
        }

        /// <summary>
        /// The instance member of <paramref name="type"/> that <paramref name="creation"/> ends up in through a
        /// Lazy or a dictionary, or null.
        /// </summary>
        public static ISymbol? HolderOf(IOperation creation, INamedTypeSymbol type, KnownTypes types)
        {
            var top = creation.SkipToValueUse();
            IOperation? consumer = top.Parent;
            // A lambda's returned value: follow the lambda to the call or creation it is given to.
            if (consumer is IReturnOperation && creation.Parent != null)
            {
                var lambda = FirstAncestor<IAnonymousFunctionOperation>(top);
                if (lambda is null || !(lambda.SkipConversionsUp().Parent is IDelegateCreationOperation delegateCreation)) return null;
                consumer = delegateCreation.SkipConversionsUp().Parent;
            }
            if (consumer is IArgumentOperation argument) consumer = argument.Parent;

            switch (consumer)
            {
                case IObjectCreationOperation lazy when KindOf(lazy.Type, types) == HolderKind.Lazy:
                    return InstanceMemberStoring(lazy, type);
                case IInvocationOperation call when call.Instance != null && IsHolderOfType(call.Instance, type, types):
                    return call.Instance.SkipConversionsDown().ReferencedStorage()?.OriginalDefinition;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance, Arguments: { IsEmpty: false } } } assignment
                    when assignment.Value == top && IsHolderOfType(instance, type, types):
                    return instance.SkipConversionsDown().ReferencedStorage()?.OriginalDefinition;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The fate of one reference to a holder member: Disposed when the statement it is in disposes a client
        /// (<c>_lazy.Value.Dispose()</c>, <c>if (_lazy.IsValueCreated) _lazy.Value.Dispose()</c>,
        /// <c>foreach (var c in _clients.Values) c.Dispose()</c>), Escapes when the holder itself is handed on.
        /// </summary>
        public static Fate FateOf(IOperation reference, KnownTypes types)
        {
            if (StatementOf(reference) is { } statement && DisposesAClient(statement)) return Fate.Disposed;
            var top = reference.SkipConversionsUp();
            if (top.Parent is IForEachLoopOperation loop && loop.Collection.SkipConversionsDown() == reference) return Fate.Dropped;
            return ValueFate.OfReference(reference, owner: null, types);

            bool DisposesAClient(IOperation root) => root.DescendantsAndSelf().Any(o =>
                o is IInvocationOperation { Instance: { } instance } invocation
                && invocation.TargetMethod.IsDisposeLike()
                && types.IsClientType(instance.SkipConversionsDown().Type));
        }

        private static bool IsHolderOfType(IOperation instance, INamedTypeSymbol type, KnownTypes types)
        {
            var value = instance.SkipConversionsDown();
            return (value is IFieldReferenceOperation { Instance: IInstanceReferenceOperation } || value is IPropertyReferenceOperation { Instance: IInstanceReferenceOperation })
                && KindOf(value.Type, types) != HolderKind.None
                && value.ReferencedStorage() is { IsStatic: false } member
                && SymbolEqualityComparer.Default.Equals(member.ContainingType, type);
        }

        private static ISymbol? InstanceMemberStoring(IOperation value, INamedTypeSymbol type)
        {
            var top = value.SkipToValueUse();
            ISymbol? member = top.Parent switch
            {
                IFieldInitializerOperation initializer when initializer.InitializedFields.Length == 1 => initializer.InitializedFields[0],
                IPropertyInitializerOperation initializer when initializer.InitializedProperties.Length == 1 => initializer.InitializedProperties[0],
                ISimpleAssignmentOperation assignment when assignment.Value == top
                    && (assignment.Target is IFieldReferenceOperation { Instance: IInstanceReferenceOperation }
                        || assignment.Target is IPropertyReferenceOperation { Instance: IInstanceReferenceOperation }) => assignment.Target.ReferencedStorage(),
                _ => null,
            };
            return member != null && !member.IsStatic && SymbolEqualityComparer.Default.Equals(member.ContainingType, type)
                ? member.OriginalDefinition
                : null;
        }

        private static IOperation? StatementOf(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current.Parent is IBlockOperation || current.Parent is null) return current;
            }
            return null;
        }

        private static T? FirstAncestor<T>(IOperation operation) where T : class, IOperation
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is T found) return found;
            }
            return null;
        }
    }
}
