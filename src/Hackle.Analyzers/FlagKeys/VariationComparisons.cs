using System.Collections.Generic;
using System.Linq;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>Finds the string constants a decided variation key is compared with.</summary>
    internal static class VariationComparisons
    {
        /// <summary>
        /// The constants compared with <paramref name="variation"/>: directly (==, !=, Equals, is, switch), or
        /// through a local it initialises that is never assigned again.
        /// </summary>
        public static IEnumerable<IOperation> ComparedConstants(IOperation variation)
        {
            var top = variation.SkipConversionsUp();
            if (!(top.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }))
            {
                return Direct(top);
            }

            var references = variation.Root().Descendants().OfType<ILocalReferenceOperation>()
                .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, declarator.Symbol))
                .ToList();
            // A local that is assigned again may hold something else at the comparison.
            if (references.Any(r => r.SkipConversionsUp().Parent is IAssignmentOperation a && a.Target == r.SkipConversionsUp()))
            {
                return Enumerable.Empty<IOperation>();
            }
            return references.SelectMany(r => Direct(r.SkipConversionsUp()));
        }

        private static IEnumerable<IOperation> Direct(IOperation value)
        {
            switch (value.Parent)
            {
                case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.NotEquals:
                    return StringConstants(binary.LeftOperand == value ? binary.RightOperand : binary.LeftOperand);
                case IInvocationOperation call when call.Instance == value && call.TargetMethod.Name == "Equals":
                    return call.Arguments.SelectMany(a => StringConstants(a.Value));
                case IArgumentOperation { Parent: IInvocationOperation call } argument when call.TargetMethod.Name == "Equals":
                    return call.Arguments.Where(a => a != argument).SelectMany(a => StringConstants(a.Value));
                case IIsPatternOperation isPattern:
                    return PatternConstants(isPattern.Pattern);
                case ISwitchOperation switchStatement when switchStatement.Value == value:
                    return switchStatement.Cases.SelectMany(c => c.Clauses).SelectMany(ClauseConstants);
                case ISwitchExpressionOperation switchExpression when switchExpression.Value == value:
                    return switchExpression.Arms.SelectMany(a => PatternConstants(a.Pattern));
                default:
                    return Enumerable.Empty<IOperation>();
            }
        }

        private static IEnumerable<IOperation> ClauseConstants(ICaseClauseOperation clause) => clause switch
        {
            ISingleValueCaseClauseOperation single => StringConstants(single.Value),
            IPatternCaseClauseOperation pattern => PatternConstants(pattern.Pattern),
            _ => Enumerable.Empty<IOperation>(),
        };

        private static IEnumerable<IOperation> PatternConstants(IPatternOperation pattern) => pattern switch
        {
            IConstantPatternOperation constant => StringConstants(constant.Value),
            IBinaryPatternOperation binary => PatternConstants(binary.LeftPattern).Concat(PatternConstants(binary.RightPattern)),
            INegatedPatternOperation negated => PatternConstants(negated.Pattern),
            _ => Enumerable.Empty<IOperation>(),
        };

        private static IEnumerable<IOperation> StringConstants(IOperation operation)
        {
            var value = operation.SkipConversionsDown();
            return value.ConstantValue.HasValue && value.ConstantValue.Value is string
                ? new[] { value }
                : Enumerable.Empty<IOperation>();
        }
    }
}
