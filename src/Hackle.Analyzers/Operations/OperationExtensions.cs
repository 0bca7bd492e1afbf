using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Operations
{
    /// <summary>Navigation helpers over the operation tree.</summary>
    internal static class OperationExtensions
    {
        /// <summary>The outermost operation that only converts or parenthesises <paramref name="operation"/>.</summary>
        public static IOperation SkipConversionsUp(this IOperation operation)
        {
            var current = operation;
            while (current.Parent is IConversionOperation || current.Parent is IParenthesizedOperation)
            {
                current = current.Parent;
            }
            return current;
        }

        /// <summary>
        /// Like <see cref="SkipConversionsUp"/>, and also out of the branches of a conditional expression: the
        /// value of <c>c ? Create(a) : Create(b)</c> goes wherever the conditional goes.
        /// </summary>
        public static IOperation SkipToValueUse(this IOperation operation)
        {
            var current = operation.SkipConversionsUp();
            while (current.Parent is IConditionalOperation conditional && !conditional.IsRef && conditional.Type != null
                && (conditional.WhenTrue == current || conditional.WhenFalse == current))
            {
                current = conditional.SkipConversionsUp();
            }
            return current;
        }

        /// <summary><paramref name="operation"/> with implicit and explicit conversions removed.</summary>
        public static IOperation SkipConversionsDown(this IOperation operation)
        {
            var current = operation;
            while (true)
            {
                switch (current)
                {
                    case IConversionOperation conversion: current = conversion.Operand; break;
                    case IParenthesizedOperation parenthesized: current = parenthesized.Operand; break;
                    default: return current;
                }
            }
        }

        /// <summary>The root of the operation tree that contains <paramref name="operation"/>.</summary>
        public static IOperation Root(this IOperation operation)
        {
            var current = operation;
            while (current.Parent != null) current = current.Parent;
            return current;
        }

        /// <summary>True when <paramref name="ancestor"/> is <paramref name="operation"/> or one of its parents.</summary>
        public static bool IsWithin(this IOperation operation, IOperation ancestor)
        {
            for (var current = operation; current != null; current = current.Parent)
            {
                if (current == ancestor) return true;
            }
            return false;
        }

        /// <summary>The symbol of the innermost lambda or local function around <paramref name="operation"/>, if any.</summary>
        public static IMethodSymbol? EnclosingFunction(this IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda: return lambda.Symbol;
                    case ILocalFunctionOperation local: return local.Symbol;
                }
            }
            return null;
        }

        /// <summary>The field, property or local that a reference operation names, if it is one of those.</summary>
        public static ISymbol? ReferencedStorage(this IOperation operation) => operation.SkipConversionsDown() switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property when property.Arguments.IsEmpty => property.Property,
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
    }
}
