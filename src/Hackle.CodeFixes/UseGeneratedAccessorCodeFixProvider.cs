using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.CodeFixes
{
    /// <summary>
    /// HKA106: replaces a raw-key call with the generated accessor. The call keeps its client
    /// (<c>Features.X.IsOn(client, user)</c>) unless it was <c>HackleClient.Current</c>, which the
    /// one-argument accessors use anyway. A string variation is only rewritten where its meaning survives
    /// the change to the Variant enum: in an == / != comparison with a variation key.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseGeneratedAccessorCodeFixProvider)), Shared]
    public sealed class UseGeneratedAccessorCodeFixProvider : HackleCodeFixProvider
    {
        /// <summary>Creates the provider.</summary>
        public UseGeneratedAccessorCodeFixProvider() : base(DiagnosticIds.UseGeneratedAccessor, batchFixAll: true, needsSemanticModel: true) { }

        /// <inheritdoc />
        protected override void RegisterFix(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.AccessorType, out var accessorName) || accessorName is null) return;
            if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation)) return;
            if (model is null || !(model.GetOperation(invocation, context.CancellationToken) is IInvocationOperation operation)) return;
            var accessor = model.GetSpeculativeTypeInfo(invocation.SpanStart, SyntaxFactory.ParseTypeName(accessorName), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
            if (accessor is null) return;

            // The accessor of a finished item is [Obsolete]: the rewrite would only trade one warning for another
            // (HKA110's clean-up is the fix there).
            if (IsObsolete(accessor)) return;
            var title = "Use " + accessor.ContainingType?.Name + "." + accessor.Name;
            var replacement = Replacement(operation, invocation, accessor, accessorName);
            if (replacement != null)
            {
                var fixedRoot = root.ReplaceNode(replacement.Value.Old, replacement.Value.New.WithTriviaFrom(replacement.Value.Old));
                context.RegisterRootFix(diagnostic, title, fixedRoot, nameof(UseGeneratedAccessorCodeFixProvider), addImports: true);
                return;
            }
            var edits = VariationUseEdits(operation, invocation, accessor, accessorName, model, context.CancellationToken);
            if (edits is null) return;
            var edited = root.ReplaceNodes(edits.Keys, (original, _) => edits[original].WithTriviaFrom(original));
            context.RegisterRootFix(diagnostic, title, edited, nameof(UseGeneratedAccessorCodeFixProvider), addImports: true);
        }

        /// <summary>True when the accessor has the member, declared or inherited (the generated classes inherit their
        /// accessors from the runtime's base classes).</summary>
        private static bool HasMember(ITypeSymbol accessor, string name)
        {
            for (var type = accessor; type != null; type = type.BaseType)
            {
                if (!type.GetMembers(name).IsEmpty) return true;
            }
            return false;
        }

        private static (SyntaxNode Old, ExpressionSyntax New)? Replacement(IInvocationOperation operation, InvocationExpressionSyntax invocation, ITypeSymbol accessor, string accessorName)
        {
            var arguments = AccessorArguments(operation);
            if (arguments is null) return null;
            switch (operation.TargetMethod.Name)
            {
                case "IsFeatureOn":
                    return (invocation, Call(accessorName, "IsOn", arguments));
                case "FeatureFlagDetail" when HasMember(accessor, "Detail"):
                    return (invocation, Call(accessorName, "Detail", arguments));
                case "Variation" when operation.Arguments.All(a => a.Parameter?.Name != "defaultVariation" || a.ArgumentKind != ArgumentKind.Explicit):
                    SyntaxNode outer = invocation;
                    while (outer.Parent is ParenthesizedExpressionSyntax parenthesized) outer = parenthesized;
                    if (!(outer.Parent is BinaryExpressionSyntax comparison)
                        || !(comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression)))
                    {
                        return null;
                    }
                    var other = comparison.Left == outer ? comparison.Right : comparison.Left;
                    if (!(other is LiteralExpressionSyntax literal) || !literal.IsKind(SyntaxKind.StringLiteralExpression)) return null;
                    var member = VariantMember(accessor, accessorName, literal);
                    if (member is null) return null;
                    return (comparison, SyntaxFactory.BinaryExpression(comparison.Kind(), Call(accessorName, "Variation", arguments), member));
                default:
                    return null;
            }
        }

        /// <summary>
        /// The edits for the other shapes of a raw call's result: a <c>Variation</c> that governs a switch
        /// expression or statement, or initialises a local that is only compared (==, !=, switch) and never
        /// assigned again; and a <c>VariationDetail</c> whose decision is only read through the members the typed
        /// decision also has (<c>VariationKey</c>, <c>Reason</c>, <c>Config</c>). Null when any use would change meaning.
        /// </summary>
        private static Dictionary<SyntaxNode, SyntaxNode>? VariationUseEdits(
            IInvocationOperation operation, InvocationExpressionSyntax invocation, ITypeSymbol accessor, string accessorName, SemanticModel model, CancellationToken cancellationToken)
        {
            var arguments = AccessorArguments(operation);
            if (arguments is null) return null;
            if (operation.Arguments.Any(a => a.Parameter?.Name == "defaultVariation" && a.ArgumentKind == ArgumentKind.Explicit)) return null;
            var edits = new Dictionary<SyntaxNode, SyntaxNode>();
            SyntaxNode outer = invocation;
            while (outer.Parent is ParenthesizedExpressionSyntax parenthesized) outer = parenthesized;

            switch (operation.TargetMethod.Name)
            {
                case "Variation":
                    edits[outer] = Call(accessorName, "Variation", arguments);
                    if (VariationConsumers(outer, accessor, accessorName, edits)) return edits;
                    if (!(outer.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator })) return null;
                    return LocalUses(declarator, model, cancellationToken, (reference, map) => VariationConsumers(reference, accessor, accessorName, map), edits) ? edits : null;
                case "VariationDetail" when HasMember(accessor, "VariationDetail"):
                    edits[outer] = Call(accessorName, "VariationDetail", arguments);
                    if (IsDecisionMemberRead(outer)) return edits;
                    if (!(outer.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax decisionLocal })) return null;
                    return LocalUses(decisionLocal, model, cancellationToken, (reference, _) => IsDecisionMemberRead(reference), edits) ? edits : null;
                default:
                    return null;
            }
        }

        /// <summary>Adds the edits for <paramref name="value"/> (a variation) used as a switch's value or in ==/!= with a key; false for any other use.</summary>
        private static bool VariationConsumers(SyntaxNode value, ITypeSymbol accessor, string accessorName, Dictionary<SyntaxNode, SyntaxNode> edits)
        {
            while (value.Parent is ParenthesizedExpressionSyntax parenthesized) value = parenthesized;
            switch (value.Parent)
            {
                case BinaryExpressionSyntax comparison when comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression):
                    return AddLiteral(comparison.Left == value ? comparison.Right : comparison.Left, accessor, accessorName, edits);
                case SwitchExpressionSyntax switchExpression when switchExpression.GoverningExpression == value:
                    foreach (var arm in switchExpression.Arms)
                    {
                        if (arm.WhenClause != null) return false;
                        if (arm.Pattern is DiscardPatternSyntax) continue;
                        if (!(arm.Pattern is ConstantPatternSyntax constant) || !AddLiteral(constant.Expression, accessor, accessorName, edits)) return false;
                    }
                    return true;
                case SwitchStatementSyntax switchStatement when switchStatement.Expression == value:
                    foreach (var label in switchStatement.Sections.SelectMany(section => section.Labels))
                    {
                        if (label is DefaultSwitchLabelSyntax) continue;
                        if (!(label is CaseSwitchLabelSyntax caseLabel) || !AddLiteral(caseLabel.Value, accessor, accessorName, edits)) return false;
                    }
                    return true;
                default:
                    return false;
            }
        }

        private static bool AddLiteral(ExpressionSyntax expression, ITypeSymbol accessor, string accessorName, Dictionary<SyntaxNode, SyntaxNode> edits)
        {
            if (!(expression is LiteralExpressionSyntax literal) || !literal.IsKind(SyntaxKind.StringLiteralExpression)) return false;
            var member = VariantMember(accessor, accessorName, literal);
            if (member is null) return false;
            edits[literal] = member;
            return true;
        }

        /// <summary>True when the decision is only read through a member the typed decision has with the same type.</summary>
        private static bool IsDecisionMemberRead(SyntaxNode value)
        {
            while (value.Parent is ParenthesizedExpressionSyntax parenthesized) value = parenthesized;
            return value.Parent is MemberAccessExpressionSyntax access && access.Expression == value
                && (access.Name.Identifier.ValueText == "VariationKey" || access.Name.Identifier.ValueText == "Reason" || access.Name.Identifier.ValueText == "Config");
        }

        /// <summary>
        /// Checks every use of the local that <paramref name="declarator"/> declares (alone, with 'var' or 'string',
        /// or as a decision): each must pass <paramref name="use"/>, and none may assign it. An explicit
        /// <c>string</c> type becomes <c>var</c>.
        /// </summary>
        private static bool LocalUses(VariableDeclaratorSyntax declarator, SemanticModel model, CancellationToken cancellationToken,
            System.Func<SyntaxNode, Dictionary<SyntaxNode, SyntaxNode>, bool> use, Dictionary<SyntaxNode, SyntaxNode> edits)
        {
            if (!(declarator.Parent is VariableDeclarationSyntax { Variables: { Count: 1 } } declaration) || !(declaration.Parent is LocalDeclarationStatementSyntax)) return false;
            if (!(model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local)) return false;
            if (!declaration.Type.IsVar)
            {
                if (!(declaration.Type is PredefinedTypeSyntax { Keyword: { RawKind: (int)SyntaxKind.StringKeyword } })) return false;
                edits[declaration.Type] = SyntaxFactory.IdentifierName("var");
            }
            var scope = declaration.Parent.Parent;
            if (scope is null) return false;
            foreach (var name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != local.Name) continue;
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local)) continue;
                if (!use(name, edits)) return false;
            }
            return true;
        }

        /// <summary><c>Experiments.X.Variant.B</c> for the literal "B", or null when the enum has no such member or it is [Obsolete] (a dropped variation).</summary>
        private static ExpressionSyntax? VariantMember(ITypeSymbol accessor, string accessorName, LiteralExpressionSyntax literal)
        {
            var variant = accessor.GetTypeMembers("Variant").FirstOrDefault();
            var member = variant?.GetMembers(literal.Token.ValueText).FirstOrDefault();
            if (member is null || IsObsolete(member)) return null;
            return SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.QualifiedExpression(accessorName), SyntaxFactory.IdentifierName("Variant")),
                SyntaxFactory.IdentifierName(literal.Token.ValueText));
        }

        private static bool IsObsolete(ISymbol symbol) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.Name == "ObsoleteAttribute" && a.AttributeClass.ContainingNamespace?.ToDisplayString() == "System");

        /// <summary>(client, user), or just (user) when the client is <c>HackleClient.Current</c>.</summary>
        private static ArgumentListSyntax? AccessorArguments(IInvocationOperation operation)
        {
            var client = operation.Instance ?? operation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0 && operation.TargetMethod.IsExtensionMethod)?.Value;
            var user = operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "user")?.Value;
            if (client is null || user is null || !(client.Syntax is ExpressionSyntax clientSyntax) || !(user.Syntax is ExpressionSyntax userSyntax)) return null;
            var isCurrent = client.SkipConversionsDown() is IPropertyReferenceOperation { Property: { Name: "Current", IsStatic: true } } property
                && property.Property.ContainingType?.Name == "HackleClient";
            var list = isCurrent
                ? new[] { SyntaxFactory.Argument(userSyntax.WithoutTrivia()) }
                : new[] { SyntaxFactory.Argument(clientSyntax.WithoutTrivia()), SyntaxFactory.Argument(userSyntax.WithoutTrivia()) };
            return SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(list));
        }

        private static InvocationExpressionSyntax Call(string accessorName, string method, ArgumentListSyntax arguments) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.QualifiedExpression(accessorName), SyntaxFactory.IdentifierName(method)),
                arguments);
    }
}
