using System.Composition;
using System.Linq;
using Hackle.Analyzers.Diagnostics;
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
    public sealed class AddUsingCodeFixProvider : HackleCodeFixProvider
    {
        /// <summary>Creates the provider.</summary>
        public AddUsingCodeFixProvider() : base(DiagnosticIds.ClientNeverDisposed, batchFixAll: true) { }

        /// <inheritdoc />
        protected override void RegisterFix(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic)
        {
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.DecidedAtCompilationEnd)) return;
            var declaration = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
            if (declaration is null || declaration.UsingKeyword != default || declaration.Declaration.Variables.Count != 1) return;
            if (!(declaration.Parent is BlockSyntax || declaration.Parent is GlobalStatementSyntax || declaration.Parent is SwitchSectionSyntax)) return;

            var isAsync = IsInAsyncFunction(declaration);
            var title = isAsync ? "Declare with 'await using'" : "Declare with 'using'";
            var leading = declaration.GetLeadingTrivia();
            var updated = declaration.WithoutLeadingTrivia()
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            updated = isAsync
                ? updated.WithAwaitKeyword(SyntaxFactory.Token(leading, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)))
                : updated.WithUsingKeyword(updated.UsingKeyword.WithLeadingTrivia(leading));
            SyntaxNode fixedRoot;
            if (declaration.Parent is SwitchSectionSyntax section)
            {
                // 'using var' is not allowed directly in a switch section (CS8647): the section's statements
                // go into a block, which also ends the client's scope with the section.
                var statements = section.Statements.Replace(declaration, updated);
                var block = SyntaxFactory.Block(statements).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
                fixedRoot = root.ReplaceNode(section, section.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(block)));
            }
            else
            {
                fixedRoot = root.ReplaceNode(declaration, updated);
            }
            context.RegisterRootFix(diagnostic, title, fixedRoot, nameof(AddUsingCodeFixProvider));
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
