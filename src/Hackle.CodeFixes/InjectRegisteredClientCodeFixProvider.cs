using System.Composition;
using System.Linq;
using Hackle.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Hackle.CodeFixes
{
    /// <summary>
    /// HKA102 for a scoped or transient wrapper whose factory creates a client and also resolves other services
    /// (which may be scoped, so the wrapper cannot simply become a singleton): registers the client once as a
    /// singleton (<c>TryAddSingleton</c>, so an existing <c>AddHackle</c> wins) and has the factory resolve it.
    /// </summary>
    /// <remarks>
    /// Offered only when the creation's arguments do not depend on the factory (its parameter or its locals,
    /// e.g. a tenant resolved per scope), the registration is a statement of its own on a plain
    /// <c>services</c> expression, and the factory has a named service-provider parameter.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InjectRegisteredClientCodeFixProvider)), Shared]
    public sealed class InjectRegisteredClientCodeFixProvider : HackleCodeFixProvider
    {
        private const string Title = "Register the client as a singleton and inject it into the factory";
        private const string ExtensionsNamespace = "Microsoft.Extensions.DependencyInjection.Extensions";

        /// <summary>Creates the provider.</summary>
        public InjectRegisteredClientCodeFixProvider() : base(DiagnosticIds.ClientRegisteredPerRequest, batchFixAll: false, needsSemanticModel: true) { }

        /// <inheritdoc />
        protected override void RegisterFix(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic)
        {
            if (model is null || !diagnostic.Properties.TryGetValue(DiagnosticProperties.ResolvesServices, out var shape) || shape != "wrapper") return;
            if (diagnostic.AdditionalLocations.Count == 0) return;
            if (!(root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax creation)) return;
            creation = creation.FirstAncestorOrSelf<InvocationExpressionSyntax>() as ExpressionSyntax
                ?? creation.FirstAncestorOrSelf<ObjectCreationExpressionSyntax>() as ExpressionSyntax
                ?? creation;

            var factory = creation.FirstAncestorOrSelf<LambdaExpressionSyntax>();
            var provider = factory switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList: { Parameters: { Count: 1 } } } parenthesized => parenthesized.ParameterList.Parameters[0],
                _ => null,
            };
            if (factory is null || provider is null || provider.Identifier.ValueText == "_") return;
            if (!(factory.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax registration } } statement)) return;
            if (!(registration.Expression is IdentifierNameSyntax || registration.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax })) return;
            if (DependsOnFactory(creation, factory, model, context.CancellationToken)) return;

            var clientType = model.GetTypeInfo(creation, context.CancellationToken).ConvertedType is { Name: "IHackleClient" } ? "IHackleClient" : "HackleClient";
            var qualifiedClient = "global::Hackle." + clientType;
            var resolved = Simplified(SyntaxFactory.ParseExpression(provider.Identifier.ValueText + ".GetRequiredService<" + qualifiedClient + ">()"), qualifiedClient)
                .WithTriviaFrom(creation);
            var singleton = Simplified(SyntaxFactory.ParseStatement(
                    registration.Expression.WithoutTrivia().ToFullString() + ".TryAddSingleton<" + qualifiedClient + ">(_ => " + creation.WithoutTrivia().ToFullString() + ");"), qualifiedClient)
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(statement.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);

            var block = statement.Parent;
            if (!(block is BlockSyntax)) return;
            var newBlock = block.ReplaceNode(statement, new SyntaxNode[]
            {
                singleton,
                statement.ReplaceNode(creation, resolved),
            });
            var newRoot = root.ReplaceNode(block, newBlock);
            if (newRoot is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == ExtensionsNamespace))
            {
                newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ExtensionsNamespace)).WithAdditionalAnnotations(Formatter.Annotation));
            }
            context.RegisterRootFix(diagnostic, Title, newRoot, nameof(InjectRegisteredClientCodeFixProvider), addImports: true);
        }

        /// <summary>Marks the client type argument for the simplifier, which shortens it to the name in scope.</summary>
        private static T Simplified<T>(T node, string qualifiedClient) where T : SyntaxNode =>
            node.ReplaceNodes(
                node.DescendantNodes().OfType<TypeArgumentListSyntax>().SelectMany(l => l.Arguments).Where(a => a.ToString() == qualifiedClient),
                (_, _) => SyntaxHelpers.QualifiedType(qualifiedClient));

        /// <summary>True when the creation's arguments use the factory's parameter or a local declared in it.</summary>
        private static bool DependsOnFactory(ExpressionSyntax creation, LambdaExpressionSyntax factory, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
            creation.DescendantNodes().OfType<IdentifierNameSyntax>().Any(name =>
                model.GetSymbolInfo(name, cancellationToken).Symbol is { } symbol
                && (symbol is ILocalSymbol || symbol is IParameterSymbol || symbol is IRangeVariableSymbol)
                && symbol.DeclaringSyntaxReferences.Any(r => factory.Span.Contains(r.Span)));
    }
}
