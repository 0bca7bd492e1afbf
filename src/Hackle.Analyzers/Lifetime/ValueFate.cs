using System.Linq;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>What becomes of a client value, ordered so that the strongest outcome wins.</summary>
    internal enum Fate
    {
        /// <summary>Only used in place (member calls, Hackle runtime calls, null checks) and then dropped.</summary>
        Dropped = 0,

        /// <summary>Disposed or closed somewhere (including <c>using</c>).</summary>
        Disposed = 1,

        /// <summary>Handed on: returned, stored, passed to other code, captured or put into a collection.</summary>
        Escapes = 2,
    }

    /// <summary>
    /// A conservative, intra-procedural view of a client value's life: no data flow, no paths. Any use that
    /// is not plainly a borrow counts as an escape, which keeps the rules quiet where ownership may move
    /// (the CA2000 false-positive classes).
    /// </summary>
    internal static class ValueFate
    {
        /// <summary>The fate of the value produced by a creation operation.</summary>
        public static Fate OfCreation(IOperation creation, KnownTypes types)
        {
            var top = creation.SkipToValueUse();
            switch (top.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsUsingDeclaration(declarator) ? Fate.Disposed : OfLocal(declarator.Symbol, creation.Root(), types);
                case ISimpleAssignmentOperation assignment when assignment.Value == top:
                    return assignment.Target is ILocalReferenceOperation local
                        ? OfLocal(local.Local, creation.Root(), types)
                        : Fate.Escapes;
                default:
                    return OfRead(top, types);
            }
        }

        /// <summary>The combined fate of every read of <paramref name="local"/> inside <paramref name="root"/>.</summary>
        public static Fate OfLocal(ILocalSymbol local, IOperation root, KnownTypes types)
        {
            var result = Fate.Dropped;
            foreach (var reference in root.Descendants().OfType<ILocalReferenceOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(reference.Local, local)) continue;
                var fate = OfReference(reference, local.ContainingSymbol, types);
                if (fate == Fate.Escapes) return Fate.Escapes;
                if (fate == Fate.Disposed) result = Fate.Disposed;
            }
            return result;
        }

        /// <summary>
        /// The fate given by one reference to a variable declared in <paramref name="owner"/>: writes are
        /// neutral, and a read from a lambda or local function other than the owner is a capture.
        /// </summary>
        public static Fate OfReference(IOperation reference, ISymbol? owner, KnownTypes types)
        {
            var top = reference.SkipConversionsUp();
            if (top.Parent is IAssignmentOperation assignment && assignment.Target == top) return Fate.Dropped;
            if (owner != null && reference.EnclosingFunction() is { } function && !SymbolEqualityComparer.Default.Equals(function, owner))
            {
                return Fate.Escapes;
            }
            return OfRead(top, types);
        }

        /// <summary>The fate given by the operation that consumes <paramref name="value"/> (conversions already skipped).</summary>
        public static Fate OfRead(IOperation value, KnownTypes types)
        {
            switch (value.Parent)
            {
                case IInvocationOperation invocation when invocation.Instance == value:
                    return invocation.TargetMethod.IsDisposeLike() ? Fate.Disposed : Fate.Dropped;
                case IMethodReferenceOperation method when method.Instance == value:
                    // client.Dispose as a delegate (e.g. a shutdown callback) is a deferred dispose.
                    return method.Method.IsDisposeLike() ? Fate.Disposed : Fate.Escapes;
                case IMemberReferenceOperation member when member.Instance == value:
                    return Fate.Dropped;
                case IConditionalAccessOperation conditional when conditional.Operation == value:
                    return conditional.WhenNotNull is IInvocationOperation { Instance: IConditionalAccessInstanceOperation } call
                        && call.TargetMethod.IsDisposeLike()
                        ? Fate.Disposed
                        : Fate.Dropped;
                case IArgumentOperation argument:
                    // The runtime's own methods (the short-form extensions, HackleRemoteConfig) borrow the client.
                    return CalledMethod(argument) is { } callee && types.IsInRuntime(callee) ? Fate.Dropped : Fate.Escapes;
                case IUsingOperation @using when @using.Resources == value:
                    return Fate.Disposed;
                case IBinaryOperation _:
                case IIsPatternOperation { Pattern: IConstantPatternOperation _ }:
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation _ } }:
                    return Fate.Dropped;
                default:
                    // Returned, stored, put into a collection or tuple, pattern-matched, or left as a bare
                    // statement (HackleClient.Create registers the client process-wide): all hand it on.
                    return Fate.Escapes;
            }
        }

        /// <summary>True when the declarator is a <c>using</c> declaration or the resource of a <c>using</c> statement.</summary>
        public static bool IsUsingDeclaration(IVariableDeclaratorOperation declarator) =>
            declarator.Parent?.Parent is IVariableDeclarationGroupOperation group
            && (group.Parent is IUsingDeclarationOperation || group.Parent is IUsingOperation);

        private static IMethodSymbol? CalledMethod(IArgumentOperation argument) => argument.Parent switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
    }
}
