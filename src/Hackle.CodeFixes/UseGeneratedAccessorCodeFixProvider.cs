using System.Composition;
using System.Linq;
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

            var replacement = Replacement(operation, invocation, accessor, accessorName);
            if (replacement is null) return;
            var title = "Use " + accessor.ContainingType?.Name + "." + accessor.Name;
            var fixedRoot = root.ReplaceNode(replacement.Value.Old, replacement.Value.New.WithTriviaFrom(replacement.Value.Old));
            context.RegisterRootFix(diagnostic, title, fixedRoot, nameof(UseGeneratedAccessorCodeFixProvider), addImports: true);
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
                    var variant = accessor.GetTypeMembers("Variant").FirstOrDefault();
                    if (variant is null || variant.GetMembers(literal.Token.ValueText).IsEmpty) return null;
                    ExpressionSyntax member = SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxHelpers.QualifiedExpression(accessorName), SyntaxFactory.IdentifierName("Variant")),
                        SyntaxFactory.IdentifierName(literal.Token.ValueText));
                    return (comparison, SyntaxFactory.BinaryExpression(comparison.Kind(), Call(accessorName, "Variation", arguments), member));
                default:
                    return null;
            }
        }

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
