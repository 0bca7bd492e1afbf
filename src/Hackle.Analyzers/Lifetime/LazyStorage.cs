using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>
    /// Recognises lazy initialisation of storage that outlives the per-request context: <c>x ??= Create()</c>,
    /// <c>x ?? (x = Create())</c> and <c>if (x == null) x = Create()</c>. Sonar S6962 exempts any conditional
    /// creation; here only a guard on the very storage that is assigned counts, and only when that storage
    /// lives longer than the request (a static, an outer variable, or a field of a long-lived type).
    /// </summary>
    internal static class LazyStorage
    {
        /// <summary>
        /// True when <paramref name="creation"/> lazily fills storage that outlives <paramref name="boundary"/>
        /// (a loop or lambda; null for a whole member).
        /// </summary>
        public static bool FillsLongLivedStorage(IOperation creation, IOperation? boundary, bool instanceStateIsPerRequest)
        {
            var target = GuardedTarget(creation);
            switch (target?.ReferencedStorage())
            {
                case IFieldSymbol field:
                    return field.IsStatic || field.IsConst || !instanceStateIsPerRequest;
                case IPropertySymbol property:
                    return property.IsStatic || !instanceStateIsPerRequest;
                case ILocalSymbol local:
                    return boundary != null && !IsDeclaredWithin(local, boundary);
                case IParameterSymbol parameter:
                    return boundary != null && !IsDeclaredWithin(parameter, boundary);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when <paramref name="creation"/> is assigned (guarded or not) to a local or parameter declared
        /// outside <paramref name="boundary"/>: the value outlives the iteration, as in a fail-over loop.
        /// </summary>
        public static bool AssignsOuterVariable(IOperation creation, IOperation boundary)
        {
            var top = creation.SkipConversionsUp();
            if (!(top.Parent is IAssignmentOperation assignment) || assignment.Value != top) return false;
            return assignment.Target.ReferencedStorage() switch
            {
                ILocalSymbol local => !IsDeclaredWithin(local, boundary),
                IParameterSymbol parameter => !IsDeclaredWithin(parameter, boundary),
                _ => false,
            };
        }

        /// <summary>The storage a creation is lazily assigned to, or null when the assignment is not guarded by that storage.</summary>
        private static IOperation? GuardedTarget(IOperation creation)
        {
            var top = creation.SkipConversionsUp();
            switch (top.Parent)
            {
                case ICoalesceAssignmentOperation coalesce when coalesce.Value == top:
                    return coalesce.Target;
                case ISimpleAssignmentOperation assignment when assignment.Value == top:
                    var storage = assignment.Target.ReferencedStorage();
                    if (storage is null) return null;
                    if (assignment.SkipConversionsUp().Parent is ICoalesceOperation coalesceOperation
                        && coalesceOperation.WhenNull == assignment.SkipConversionsUp())
                    {
                        return assignment.Target;
                    }
                    return IsGuardedBy(assignment, storage) ? assignment.Target : null;
                default:
                    return null;
            }
        }

        private static bool IsGuardedBy(IOperation assignment, ISymbol storage)
        {
            for (var current = assignment.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation) return false;
                if (current is IConditionalOperation conditional && !assignment.IsWithin(conditional.Condition) && Mentions(conditional.Condition, storage))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool Mentions(IOperation condition, ISymbol storage)
        {
            if (SymbolEqualityComparer.Default.Equals(condition.ReferencedStorage(), storage)) return true;
            foreach (var descendant in condition.Descendants())
            {
                if (SymbolEqualityComparer.Default.Equals(descendant.ReferencedStorage(), storage)) return true;
            }
            return false;
        }

        private static bool IsDeclaredWithin(ISymbol variable, IOperation boundary)
        {
            var span = boundary.Syntax.Span;
            foreach (var reference in variable.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == boundary.Syntax.SyntaxTree && span.Contains(reference.Span)) return true;
            }
            return false;
        }
    }
}
