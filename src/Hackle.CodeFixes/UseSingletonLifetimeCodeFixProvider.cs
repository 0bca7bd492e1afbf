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
    /// <summary>HKA102: registers the client as a singleton (AddScoped → AddSingleton, ServiceLifetime.Scoped → Singleton).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSingletonLifetimeCodeFixProvider)), Shared]
    public sealed class UseSingletonLifetimeCodeFixProvider : CodeFixProvider
    {
        private const string Title = "Register as a singleton";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ClientRegisteredPerRequest);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.SingletonReplacement, out var replacement) || replacement is null) continue;
                var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
                SyntaxNode? oldNode;
                SyntaxNode? newNode;
                if (replacement == ServiceLifetimeAnalyzer.LifetimeArgument)
                {
                    oldNode = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                        .AncestorsAndSelf().OfType<MemberAccessExpressionSyntax>().FirstOrDefault();
                    newNode = (oldNode as MemberAccessExpressionSyntax)?.WithName(SyntaxFactory.IdentifierName("Singleton"));
                }
                else
                {
                    oldNode = token.Parent;
                    newNode = oldNode?.ReplaceToken(token, SyntaxFactory.Identifier(token.LeadingTrivia, replacement, token.TrailingTrivia));
                }
                if (oldNode is null || newNode is null) continue;
                var fixedRoot = root.ReplaceNode(oldNode, newNode);
                context.RegisterRootFix(diagnostic, Title, fixedRoot, Title);
            }
        }
    }
}
