using System;
using System.Collections.Generic;
using System.Linq;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>A string constant a decided variation key is compared with, and whether the comparison ignores case.</summary>
    internal readonly struct ComparedConstant
    {
        public ComparedConstant(IOperation constant, bool ignoresCase)
        {
            Constant = constant;
            IgnoresCase = ignoresCase;
        }

        public IOperation Constant { get; }

        /// <summary>True for OrdinalIgnoreCase and the other *IgnoreCase comparisons: "b" then matches "B".</summary>
        public bool IgnoresCase { get; }
    }

    /// <summary>Finds the string constants a decided variation key is compared with.</summary>
    internal static class VariationComparisons
    {
        /// <summary>
        /// The constants compared with <paramref name="variation"/>: directly (==, !=, Equals, is, switch), or
        /// through a local it initialises that is never assigned again.
        /// </summary>
        public static IEnumerable<ComparedConstant> ComparedConstants(IOperation variation) =>
            ThroughLocal(variation, Direct);

        /// <summary>
        /// The constants compared with the <c>VariationKey</c> of a decision (<c>VariationDetail</c>), read on
        /// the call or on a local that keeps the decision and is never assigned again.
        /// </summary>
        public static IEnumerable<ComparedConstant> ComparedConstantsOfDecision(IOperation decision) =>
            ThroughLocal(decision, value => value.Parent is IPropertyReferenceOperation { Property: { Name: "VariationKey" } } key
                ? ComparedConstants(key)
                : Enumerable.Empty<ComparedConstant>());

        private static IEnumerable<ComparedConstant> ThroughLocal(IOperation value, Func<IOperation, IEnumerable<ComparedConstant>> uses)
        {
            var top = value.SkipConversionsUp();
            if (!(top.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }))
            {
                return uses(top);
            }

            var references = value.Root().Descendants().OfType<ILocalReferenceOperation>()
                .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, declarator.Symbol))
                .ToList();
            // A local that is assigned again may hold something else at the comparison.
            if (references.Any(r => r.SkipConversionsUp().Parent is IAssignmentOperation a && a.Target == r.SkipConversionsUp()))
            {
                return Enumerable.Empty<ComparedConstant>();
            }
            return references.SelectMany(r => uses(r.SkipConversionsUp()));
        }

        private static IEnumerable<ComparedConstant> Direct(IOperation value)
        {
            switch (value.Parent)
            {
                case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.NotEquals:
                    return StringConstants(binary.LeftOperand == value ? binary.RightOperand : binary.LeftOperand, ignoresCase: false);
                case IInvocationOperation call when call.Instance == value && call.TargetMethod.Name == "Equals":
                    return EqualsConstants(call, except: null);
                case IArgumentOperation { Parent: IInvocationOperation call } argument when call.TargetMethod.Name == "Equals":
                    return EqualsConstants(call, except: argument);
                case IIsPatternOperation isPattern:
                    return PatternConstants(isPattern.Pattern);
                case ISwitchOperation switchStatement when switchStatement.Value == value:
                    return switchStatement.Cases.SelectMany(c => c.Clauses).SelectMany(ClauseConstants);
                case ISwitchExpressionOperation switchExpression when switchExpression.Value == value:
                    return switchExpression.Arms.SelectMany(a => PatternConstants(a.Pattern));
                default:
                    return Enumerable.Empty<ComparedConstant>();
            }
        }

        /// <summary>
        /// The constants of <c>string.Equals(a, b[, comparison])</c> and <c>a.Equals(b[, comparison])</c>. A
        /// comparison that is not a constant, or an <c>Equals</c> of a comparer object, may ignore case in a
        /// way not visible here: nothing is reported for it.
        /// </summary>
        private static IEnumerable<ComparedConstant> EqualsConstants(IInvocationOperation call, IArgumentOperation? except)
        {
            if (call.Instance != null && call.Instance.Type?.SpecialType != SpecialType.System_String) return Enumerable.Empty<ComparedConstant>();
            var ignoresCase = false;
            foreach (var argument in call.Arguments)
            {
                if (argument.Value.Type?.TypeKind != TypeKind.Enum || argument.Value.Type.Name != nameof(StringComparison)) continue;
                if (!(argument.Value.ConstantValue.Value is int comparison)) return Enumerable.Empty<ComparedConstant>();
                // CurrentCultureIgnoreCase = 1, InvariantCultureIgnoreCase = 3, OrdinalIgnoreCase = 5.
                ignoresCase = comparison % 2 == 1;
            }
            return call.Arguments.Where(a => a != except).SelectMany(a => StringConstants(a.Value, ignoresCase));
        }

        private static IEnumerable<ComparedConstant> ClauseConstants(ICaseClauseOperation clause) => clause switch
        {
            ISingleValueCaseClauseOperation single => StringConstants(single.Value, ignoresCase: false),
            IPatternCaseClauseOperation pattern => PatternConstants(pattern.Pattern),
            _ => Enumerable.Empty<ComparedConstant>(),
        };

        private static IEnumerable<ComparedConstant> PatternConstants(IPatternOperation pattern) => pattern switch
        {
            IConstantPatternOperation constant => StringConstants(constant.Value, ignoresCase: false),
            IBinaryPatternOperation binary => PatternConstants(binary.LeftPattern).Concat(PatternConstants(binary.RightPattern)),
            INegatedPatternOperation negated => PatternConstants(negated.Pattern),
            _ => Enumerable.Empty<ComparedConstant>(),
        };

        private static IEnumerable<ComparedConstant> StringConstants(IOperation operation, bool ignoresCase)
        {
            var value = operation.SkipConversionsDown();
            return value.ConstantValue.HasValue && value.ConstantValue.Value is string
                ? new[] { new ComparedConstant(value, ignoresCase) }
                : Enumerable.Empty<ComparedConstant>();
        }
    }
}
