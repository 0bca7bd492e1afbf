using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Hackle.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hackle.CodeFixes
{
    /// <summary>
    /// HKA103: declares the client with <c>using</c>, or <c>await using</c> inside an async function (the
    /// client's asynchronous dispose flushes events without blocking a thread).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddUsingCodeFixProvider)), Shared]
    public sealed class AddUsingCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ClientNeverDisposed);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var declaration = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
                if (declaration is null || declaration.UsingKeyword != default || declaration.Declaration.Variables.Count != 1) continue;
                if (!(declaration.Parent is BlockSyntax || declaration.Parent is GlobalStatementSyntax)) continue;

                var isAsync = IsInAsyncFunction(declaration);
                var title = isAsync ? "Declare with 'await using'" : "Declare with 'using'";
                var leading = declaration.GetLeadingTrivia();
                var updated = declaration.WithoutLeadingTrivia()
                    .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
                updated = isAsync
                    ? updated.WithAwaitKeyword(SyntaxFactory.Token(leading, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)))
                    : updated.WithUsingKeyword(updated.UsingKeyword.WithLeadingTrivia(leading));
                var fixedRoot = root.ReplaceNode(declaration, updated);
                context.RegisterRootFix(diagnostic, title, fixedRoot, nameof(AddUsingCodeFixProvider));
            }
        }

        private static bool IsInAsyncFunction(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax lambda: return lambda.AsyncKeyword != default;
                    case LocalFunctionStatementSyntax local: return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case MethodDeclarationSyntax method: return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case GlobalStatementSyntax _:
                        continue;
                    case CompilationUnitSyntax unit:
                        // Top-level statements are async exactly when they contain an await.
                        return unit.Members.OfType<GlobalStatementSyntax>().Any(g =>
                            g.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax))
                                .Any(n => n is AwaitExpressionSyntax));
                    case MemberDeclarationSyntax _:
                        return false;
                }
            }
            return false;
        }
    }
}
