using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Hackle.Analyzers.Cleanup;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// One folding step: the code around a node whose value is known (<see cref="KnownValue"/>) is rewritten to what
    /// it evaluates to. A switch becomes the matching section, a comparison becomes a <c>true</c>/<c>false</c>
    /// literal (annotated, so the next step folds the <c>if</c>, <c>?:</c>, <c>!</c>, <c>&amp;&amp;</c> or
    /// <c>||</c> around it), and a local that stores the value is replaced at each of its uses. Every step removes
    /// the annotation it started from, so the steps end.
    /// </summary>
    internal static class DeadBranchFolder
    {
        public static SyntaxNode Step(SyntaxNode root, SemanticModel model, ExpressionSyntax node, KnownValue known, CancellationToken cancellationToken)
        {
            ExpressionSyntax value = node;
            while (value.Parent is ParenthesizedExpressionSyntax parenthesized) value = parenthesized;

            var folded = Fold(root, model, node, value, known, cancellationToken);
            if (folded != null) return folded;
            // Nothing around the value can be folded: keep the value itself where the call was.
            // A value that is one of several keys has no literal: the decision stays.
            var replacement = known.IsExact ? Literal(model, node, known, cancellationToken) : null;
            return replacement != null && !node.IsKind(SyntaxKind.TrueLiteralExpression) && !node.IsKind(SyntaxKind.FalseLiteralExpression)
                ? root.ReplaceNode(node, replacement.WithTriviaFrom(node))
                : root.ReplaceNode(node, node.WithoutAnnotations(KnownValue.AnnotationKind));
        }

        private static SyntaxNode? Fold(SyntaxNode root, SemanticModel model, ExpressionSyntax node, ExpressionSyntax value, KnownValue known, CancellationToken ct)
        {
            switch (value.Parent)
            {
                case SwitchStatementSyntax switchStatement when switchStatement.Expression == value && !known.IsBoolean:
                    return known.IsExact ? SwitchStatement(root, model, switchStatement, known, ct) : DeadSwitchSections.Remove(root, model, switchStatement, known, ct);
                case SwitchExpressionSyntax switchExpression when switchExpression.GoverningExpression == value && !known.IsBoolean:
                    return known.IsExact ? SwitchExpression(root, model, switchExpression, known, ct) : DeadSwitchSections.Remove(root, model, switchExpression, known, ct);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    return Comparison(root, model, binary, value, known, ct);
                case BinaryExpressionSyntax isType when isType.IsKind(SyntaxKind.IsExpression) && isType.Left == value && !known.IsBoolean:
                    // C# 7 parses `v is Variant.B` as a type test; it binds as a constant pattern.
                    var typeKey = ConstantEvaluator.VariationKey(isType.Right, model, known, ct);
                    return typeKey is null ? null : Replace(root, isType, known.Matches(typeKey));
                case BinaryExpressionSyntax logical when known.IsBoolean && (logical.IsKind(SyntaxKind.LogicalAndExpression) || logical.IsKind(SyntaxKind.LogicalOrExpression)):
                    return Logical(root, logical, value, known.BooleanValue);
                case PrefixUnaryExpressionSyntax not when known.IsBoolean && not.IsKind(SyntaxKind.LogicalNotExpression):
                    return Replace(root, not, !known.BooleanValue);
                case IsPatternExpressionSyntax isPattern when isPattern.Expression == value:
                    var matches = known.IsBoolean ? BooleanPattern(isPattern.Pattern, known.BooleanValue) : ConstantEvaluator.Matches(isPattern.Pattern, model, known, ct);
                    return matches is null ? null : Replace(root, isPattern, matches.Value);
                case MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "Equals" } } } member
                    when member.Expression == value && member.Parent is InvocationExpressionSyntax call && call.ArgumentList.Arguments.Count == 1 && !known.IsBoolean:
                    var argumentKey = ConstantEvaluator.VariationKey(call.ArgumentList.Arguments[0].Expression, model, known, ct);
                    return argumentKey is null ? null : Replace(root, call, known.Matches(argumentKey));
                case MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "ToString" } } } toString
                    when toString.Expression == value && toString.Parent is InvocationExpressionSyntax { ArgumentList: { Arguments: { Count: 0 } } } call && known.IsExact && !known.IsBoolean:
                    // Enum.ToString() is the member's name, string.ToString() the string itself: both are known.
                    var name = known.Shape == CleanupShapes.Enum ? MemberOf(model, node, known, ct)?.Name : known.Shape == CleanupShapes.String ? known.Value : null;
                    return name is null ? null : root.ReplaceNode(call, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name)).WithTriviaFrom(call));
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list } argument
                    when list.Arguments.Count == 2 && IsEqualsCall(call) && !known.IsBoolean:
                    var other = list.Arguments[0] == argument ? list.Arguments[1] : list.Arguments[0];
                    var otherKey = ConstantEvaluator.VariationKey(other.Expression, model, known, ct);
                    return otherKey is null ? null : Replace(root, call, known.Matches(otherKey));
                case ConditionalExpressionSyntax conditional when known.IsBoolean && conditional.Condition == value:
                    var kept = known.BooleanValue ? conditional.WhenTrue : conditional.WhenFalse;
                    return ReplaceExpression(root, conditional, kept);
                case IfStatementSyntax ifStatement when known.IsBoolean && ifStatement.Condition == value:
                    return StatementEditor.ReplaceIf(root, ifStatement, known.BooleanValue);
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } when known.IsExact && declarator.Parent is VariableDeclarationSyntax { Variables: { Count: 1 } } declaration
                    && declaration.Parent is LocalDeclarationStatementSyntax local && local.UsingKeyword == default && !local.IsConst:
                    return Local(root, model, node, local, declarator, known, ct);
                default:
                    return null;
            }
        }

        private static bool? BooleanPattern(PatternSyntax pattern, bool value) => pattern switch
        {
            ConstantPatternSyntax c when c.Expression.IsKind(SyntaxKind.TrueLiteralExpression) => value,
            ConstantPatternSyntax c when c.Expression.IsKind(SyntaxKind.FalseLiteralExpression) => !value,
            _ => null,
        };

        private static bool IsEqualsCall(InvocationExpressionSyntax call) => call.Expression switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == "Equals",
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == "Equals" &&
                                                   (member.Expression is PredefinedTypeSyntax || member.Expression is IdentifierNameSyntax { Identifier: { ValueText: "String" } }),
            _ => false,
        };

        private static SyntaxNode? Comparison(SyntaxNode root, SemanticModel model, BinaryExpressionSyntax binary, ExpressionSyntax value, KnownValue known, CancellationToken ct)
        {
            var other = binary.Left == value ? binary.Right : binary.Left;
            bool equal;
            if (known.IsBoolean)
            {
                if (other.IsKind(SyntaxKind.TrueLiteralExpression)) equal = known.BooleanValue;
                else if (other.IsKind(SyntaxKind.FalseLiteralExpression)) equal = !known.BooleanValue;
                else return null;
            }
            else
            {
                var key = ConstantEvaluator.VariationKey(other, model, known, ct);
                if (key is null) return other.IsKind(SyntaxKind.NullLiteralExpression) ? Replace(root, binary, binary.IsKind(SyntaxKind.NotEqualsExpression)) : null;
                if (!(known.Matches(key) is { } decided)) return null;
                equal = decided;
            }
            return Replace(root, binary, binary.IsKind(SyntaxKind.EqualsExpression) ? equal : !equal);
        }

        /// <summary><c>true &amp;&amp; x</c> → x, <c>false || x</c> → x, <c>false &amp;&amp; x</c> → false, <c>x || true</c> → true (only when x has no effect).</summary>
        private static SyntaxNode? Logical(SyntaxNode root, BinaryExpressionSyntax logical, ExpressionSyntax value, bool known)
        {
            var isAnd = logical.IsKind(SyntaxKind.LogicalAndExpression);
            var other = logical.Left == value ? logical.Right : logical.Left;
            if (known == isAnd)
            {
                // The known operand does not decide: the result is the other operand.
                return ReplaceExpression(root, logical, other);
            }
            // The known operand decides. On the left the other operand never ran; on the right it ran first.
            if (logical.Right == value && !ConstantEvaluator.IsPure(other)) return null;
            return Replace(root, logical, known);
        }

        private static SyntaxNode SwitchStatement(SyntaxNode root, SemanticModel model, SwitchStatementSyntax switchStatement, KnownValue known, CancellationToken ct)
        {
            SwitchSectionSyntax? chosen = null;
            SwitchSectionSyntax? fallback = null;
            SwitchLabelSyntax? chosenLabel = null;
            foreach (var section in switchStatement.Sections)
            {
                foreach (var label in section.Labels)
                {
                    bool? matches;
                    switch (label)
                    {
                        case DefaultSwitchLabelSyntax _:
                            fallback = section;
                            continue;
                        case CaseSwitchLabelSyntax caseLabel:
                            var key = ConstantEvaluator.VariationKey(caseLabel.Value, model, known, ct);
                            matches = key is null ? (bool?)null : known.Matches(key);
                            break;
                        case CasePatternSwitchLabelSyntax patternLabel when patternLabel.WhenClause is null:
                            matches = ConstantEvaluator.Matches(patternLabel.Pattern, model, known, ct);
                            break;
                        default:
                            matches = null;
                            break;
                    }
                    if (matches is null) return Abandon(root, switchStatement.Expression);
                    if (matches.Value && chosen is null)
                    {
                        chosen = section;
                        chosenLabel = label;
                    }
                }
            }
            chosen ??= fallback;
            chosenLabel ??= chosen?.Labels.OfType<DefaultSwitchLabelSyntax>().FirstOrDefault();
            var statements = chosen is null ? new List<StatementSyntax>() : StatementEditor.SectionBody(chosen, switchStatement);
            if (statements is null) return Abandon(root, switchStatement.Expression);
            // A comment after the kept label (`case Variant.B: // one page`) stays with the kept code.
            var labelComments = chosenLabel is null ? default : chosenLabel.ColonToken.TrailingTrivia;
            return StatementEditor.ReplaceStatement(root, switchStatement, statements, labelComments);
        }

        private static SyntaxNode SwitchExpression(SyntaxNode root, SemanticModel model, SwitchExpressionSyntax switchExpression, KnownValue known, CancellationToken ct)
        {
            foreach (var arm in switchExpression.Arms)
            {
                if (arm.WhenClause != null) return Abandon(root, switchExpression.GoverningExpression);
                var matches = ConstantEvaluator.Matches(arm.Pattern, model, known, ct);
                if (matches is null) return Abandon(root, switchExpression.GoverningExpression);
                if (matches.Value)
                {
                    return ReplaceExpression(root, switchExpression, arm.Expression);
                }
            }
            // No arm matches: the switch would throw; leave it for a person to look at.
            return Abandon(root, switchExpression.GoverningExpression);
        }

        /// <summary>A local that stores the value: each use gets the value instead, and the declaration goes.</summary>
        private static SyntaxNode? Local(SyntaxNode root, SemanticModel model, ExpressionSyntax node, LocalDeclarationStatementSyntax local, VariableDeclaratorSyntax declarator,
            KnownValue known, CancellationToken ct)
        {
            if (!(model.GetDeclaredSymbol(declarator, ct) is ILocalSymbol symbol) || local.Parent is null) return null;
            var references = local.Parent.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, ct).Symbol, symbol))
                .ToList();
            if (references.Any(IsWritten)) return null;
            var literal = Literal(model, node, known, ct);
            if (literal is null) return null;
            var annotated = literal.WithAdditionalAnnotations(known.ToAnnotation());
            var withUses = root.TrackNodes(references.Cast<SyntaxNode>().Concat(new[] { local }));
            withUses = withUses.ReplaceNodes(references.Select(r => withUses.GetCurrentNode(r)!), (_, current) => annotated.WithTriviaFrom(current));
            var current = withUses.GetCurrentNode(local)!;
            return StatementEditor.ReplaceStatement(withUses, current, new List<StatementSyntax>(), default);
        }

        internal static bool IsWritten(IdentifierNameSyntax reference)
        {
            SyntaxNode node = reference;
            while (node.Parent is ParenthesizedExpressionSyntax) node = node.Parent;
            switch (node.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == node: return true;
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None): return true;
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression): return true;
                case PostfixUnaryExpressionSyntax _: return true;
                case RefExpressionSyntax _: return true;
                default: return false;
            }
        }

        /// <summary>The value as code: <c>true</c>, <c>"B"</c>, or the Variant member (<c>Experiments.Checkout.Variant.B</c>).</summary>
        private static ExpressionSyntax? Literal(SemanticModel model, ExpressionSyntax node, KnownValue known, CancellationToken ct)
        {
            switch (known.Shape)
            {
                case CleanupShapes.Boolean:
                    return SyntaxFactory.LiteralExpression(known.BooleanValue ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);
                case CleanupShapes.String:
                    return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(known.Value));
                case CleanupShapes.Number:
                    // The manifest's number text is a C# real literal without suffix; an integer needs ".0" to stay a double.
                    var text = known.Value.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 ? known.Value : known.Value + ".0";
                    return SyntaxFactory.ParseExpression(text);
                default:
                    if (!(MemberOf(model, node, known, ct) is { } member)) return null;
                    return SyntaxFactory.ParseExpression(member.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.Name)
                        .WithAdditionalAnnotations(Simplifier.Annotation);
            }
        }

        /// <summary>The Variant enum member of the known key, or null when <paramref name="node"/> is not a Variant or has no such member.</summary>
        private static IFieldSymbol? MemberOf(SemanticModel model, ExpressionSyntax node, KnownValue known, CancellationToken ct)
        {
            if (!(model.GetTypeInfo(node, ct).Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } variant)) return null;
            var index = known.Keys.IndexOf(known.Value, System.StringComparison.Ordinal);
            return variant.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && f.ConstantValue is int i && i == index);
        }

        /// <summary>Puts <paramref name="kept"/> where <paramref name="replaced"/> was; parentheses around it that only grouped the old expression go.</summary>
        private static SyntaxNode ReplaceExpression(SyntaxNode root, ExpressionSyntax replaced, ExpressionSyntax kept)
        {
            var bare = kept.WithoutTrivia();
            if (IsPrimary(bare) && replaced.Parent is ParenthesizedExpressionSyntax parentheses)
            {
                return root.ReplaceNode(parentheses, bare.WithTriviaFrom(parentheses));
            }
            return root.ReplaceNode(replaced, Parenthesize(kept, replaced));
        }

        private static bool IsPrimary(ExpressionSyntax bare) =>
            bare is LiteralExpressionSyntax || bare is IdentifierNameSyntax || bare is MemberAccessExpressionSyntax ||
            bare is InvocationExpressionSyntax || bare is ParenthesizedExpressionSyntax || bare is ElementAccessExpressionSyntax ||
            bare is ObjectCreationExpressionSyntax || bare is InterpolatedStringExpressionSyntax || bare is ThisExpressionSyntax ||
            bare is GenericNameSyntax || bare is PredefinedTypeSyntax;

        /// <summary>
        /// <paramref name="kept"/> in the place of <paramref name="replaced"/>, in parentheses only where precedence needs them:
        /// a primary expression (literal, name, call, member access) never does, and neither does a place that takes any
        /// expression (an argument, an initializer, a return, an arrow body).
        /// </summary>
        private static ExpressionSyntax Parenthesize(ExpressionSyntax kept, ExpressionSyntax replaced)
        {
            var bare = kept.WithoutTrivia();
            var needsNone = IsPrimary(bare) ||
                            replaced.Parent is ArgumentSyntax || replaced.Parent is EqualsValueClauseSyntax || replaced.Parent is ReturnStatementSyntax ||
                            replaced.Parent is ArrowExpressionClauseSyntax || replaced.Parent is ParenthesizedExpressionSyntax ||
                            replaced.Parent is ExpressionStatementSyntax || replaced.Parent is LambdaExpressionSyntax ||
                            replaced.Parent is SwitchExpressionArmSyntax || replaced.Parent is InterpolationSyntax;
            return (needsNone ? bare : SyntaxFactory.ParenthesizedExpression(bare)).WithTriviaFrom(replaced);
        }

        /// <summary>Replaces <paramref name="old"/> with a known boolean literal, which the next step folds further.</summary>
        private static SyntaxNode? Replace(SyntaxNode root, SyntaxNode old, bool? value) =>
            value is null ? null : Replace(root, old, value.Value);

        private static SyntaxNode Replace(SyntaxNode root, SyntaxNode old, bool value) =>
            root.ReplaceNode(old, SyntaxFactory.LiteralExpression(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression)
                .WithTriviaFrom(old).WithAdditionalAnnotations(KnownValue.Boolean(value).ToAnnotation()));

        /// <summary>Stops folding at <paramref name="governing"/>: the code around it stays as written.</summary>
        internal static SyntaxNode Abandon(SyntaxNode root, ExpressionSyntax governing)
        {
            var annotated = governing.DescendantNodesAndSelf().Where(n => n.HasAnnotations(KnownValue.AnnotationKind)).ToList();
            return root.ReplaceNodes(annotated, (_, n) => n.WithoutAnnotations(KnownValue.AnnotationKind));
        }
    }
}
