using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// Decides comparisons of a known variation at compile time: which variation key a constant names (an enum member
    /// of the Variant, or a string), and whether a pattern matches it. Null means "cannot tell", and the clean-up then
    /// leaves that code alone.
    /// </summary>
    internal static class ConstantEvaluator
    {
        /// <summary>The variation key <paramref name="expression"/> names: a Variant member or a constant string.</summary>
        public static string? VariationKey(ExpressionSyntax expression, SemanticModel model, KnownValue known, CancellationToken cancellationToken)
        {
            if (known.Shape == Hackle.Analyzers.Cleanup.CleanupShapes.Enum)
            {
                var symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;
                if (symbol is IFieldSymbol { HasConstantValue: true } field && field.ContainingType?.TypeKind == TypeKind.Enum &&
                    field.ConstantValue is int index)
                {
                    return known.KeyOfMember(index);
                }
                return null;
            }
            var constant = model.GetConstantValue(expression, cancellationToken);
            return constant.HasValue && constant.Value is string text ? text : null;
        }

        /// <summary>Whether <paramref name="pattern"/> matches the known variation, or null when it cannot be told.</summary>
        public static bool? Matches(PatternSyntax pattern, SemanticModel model, KnownValue known, CancellationToken cancellationToken)
        {
            if (!known.IsExact)
            {
                // One of several keys: the pattern is decided only when it decides every one of them alike.
                bool? all = null;
                foreach (var candidate in known.Candidates())
                {
                    var one = Matches(pattern, model, candidate, cancellationToken);
                    if (one is null || all != null && all != one) return null;
                    all = one;
                }
                return all;
            }
            switch (pattern)
            {
                case ConstantPatternSyntax constant:
                    var key = VariationKey(constant.Expression, model, known, cancellationToken);
                    if (key != null) return known.Matches(key);
                    // null never matches a decided variation.
                    return constant.Expression.IsKind(SyntaxKind.NullLiteralExpression) ? false : (bool?)null;
                case DiscardPatternSyntax _:
                    return true;
                case VarPatternSyntax { Designation: DiscardDesignationSyntax _ }:
                    return true;
                case ParenthesizedPatternSyntax parenthesized:
                    return Matches(parenthesized.Pattern, model, known, cancellationToken);
                case UnaryPatternSyntax not when not.OperatorToken.IsKind(SyntaxKind.NotKeyword):
                    return !Matches(not.Pattern, model, known, cancellationToken);
                case BinaryPatternSyntax binary:
                    var left = Matches(binary.Left, model, known, cancellationToken);
                    var right = Matches(binary.Right, model, known, cancellationToken);
                    if (left is null || right is null) return null;
                    return binary.IsKind(SyntaxKind.OrPattern) ? left.Value || right.Value : left.Value && right.Value;
                default:
                    return null;
            }
        }

        /// <summary>True for an expression that can be dropped without losing an effect (names, literals, member reads).</summary>
        public static bool IsPure(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case LiteralExpressionSyntax _:
                case IdentifierNameSyntax _:
                case ThisExpressionSyntax _:
                    return true;
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsPure(parenthesized.Expression);
                case MemberAccessExpressionSyntax member:
                    return IsPure(member.Expression);
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                    return IsPure(unary.Operand);
                default:
                    return false;
            }
        }

        /// <summary>Compares two keys the way the SDK compares variation keys (ordinal).</summary>
        public static bool SameKey(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
    }
}
