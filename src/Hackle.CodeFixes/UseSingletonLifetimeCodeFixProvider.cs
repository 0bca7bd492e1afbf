using System.Composition;
using System.Linq;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Registration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hackle.CodeFixes
{
    /// <summary>HKA102: registers the client as a singleton (AddScoped → AddSingleton, ServiceLifetime.Scoped → Singleton).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSingletonLifetimeCodeFixProvider)), Shared]
    public sealed class UseSingletonLifetimeCodeFixProvider : HackleCodeFixProvider
    {
        private const string Title = "Register as a singleton";

        /// <summary>Creates the provider.</summary>
        public UseSingletonLifetimeCodeFixProvider() : base(DiagnosticIds.ClientRegisteredPerRequest, batchFixAll: true) { }

        /// <inheritdoc />
        protected override void RegisterFix(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.SingletonReplacement, out var replacement) || replacement is null) return;
            // The factory resolves services that may be scoped: a singleton would capture them for the process
            // (InjectRegisteredClientCodeFixProvider offers to inject the client instead).
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.ResolvesServices)) return;
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
            if (oldNode is null || newNode is null) return;
            var fixedRoot = root.ReplaceNode(oldNode, newNode);
            context.RegisterRootFix(diagnostic, Title, fixedRoot, Title);
        }
    }
}
