using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Hackle.CodeFixes
{
    /// <summary>
    /// HKA104: disposes the client field. A type that is not disposable gets IDisposable and a Dispose
    /// method; a disposable type gets the dispose call appended to its Dispose().
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DisposeFieldCodeFixProvider)), Shared]
    public sealed class DisposeFieldCodeFixProvider : HackleCodeFixProvider
    {
        /// <summary>Creates the provider.</summary>
        public DisposeFieldCodeFixProvider() : base(DiagnosticIds.ClientFieldNotDisposed, batchFixAll: false) { }

        /// <inheritdoc />
        protected override void RegisterFix(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic)
        {
            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            var type = token.Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (type is null) return;
            var member = token.ValueText;
            var nullable = IsNullable(token.Parent!);
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.TypeIsDisposable, out var disposable) && disposable == "true")
            {
                var dispose = type.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(IsDisposeMethod);
                if (dispose is null) return;
                Register(context, diagnostic, "Dispose '" + member + "' in Dispose()", ct => AppendToDisposeAsync(context.Document, dispose, member, nullable, ct));
            }
            else
            {
                Register(context, diagnostic, "Implement IDisposable and dispose '" + member + "'", ct => ImplementDisposableAsync(context.Document, type, member, nullable, ct));
            }
        }

        private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, System.Func<CancellationToken, Task<Document>> fix) =>
            context.RegisterCodeFix(CodeAction.Create(title, fix, nameof(DisposeFieldCodeFixProvider)), diagnostic);

        private static bool IsDisposeMethod(MethodDeclarationSyntax method) =>
            method.Identifier.ValueText == "Dispose"
            && method.ParameterList.Parameters.Count == 0
            && method.ReturnType is PredefinedTypeSyntax { Keyword: { RawKind: (int)SyntaxKind.VoidKeyword } };

        private static bool IsNullable(SyntaxNode declaration)
        {
            var type = declaration.FirstAncestorOrSelf<VariableDeclarationSyntax>()?.Type
                ?? declaration.FirstAncestorOrSelf<PropertyDeclarationSyntax>()?.Type;
            return type is NullableTypeSyntax;
        }

        private static StatementSyntax DisposeCall(string member, bool nullable) =>
            SyntaxFactory.ParseStatement(member + (nullable ? "?." : ".") + "Dispose();").WithAdditionalAnnotations(Formatter.Annotation);

        private static async Task<Document> AppendToDisposeAsync(Document document, MethodDeclarationSyntax dispose, string member, bool nullable, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var body = dispose.Body
                ?? SyntaxFactory.Block(dispose.ExpressionBody is null ? default : SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(dispose.ExpressionBody.Expression)));
            var updated = dispose
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(body.AddStatements(DisposeCall(member, nullable)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.ReplaceNode(dispose, updated);
            return editor.GetChangedDocument();
        }

        private static async Task<Document> ImplementDisposableAsync(Document document, TypeDeclarationSyntax type, string member, bool nullable, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var dispose = SyntaxFactory.MethodDeclaration(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)), "Dispose")
                .AddModifiers(SyntaxFactory.Token(SyntaxKind.PublicKeyword))
                .WithBody(SyntaxFactory.Block(DisposeCall(member, nullable)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var baseType = SyntaxFactory.SimpleBaseType(SyntaxHelpers.QualifiedType("global::System.IDisposable"));
            var updated = ((TypeDeclarationSyntax)type.AddBaseListTypes(baseType)).AddMembers(dispose);
            // AddBaseListTypes puts the colon right after the identifier's trailing trivia; keep "class X : IDisposable" tidy.
            if (type.BaseList is null)
            {
                updated = updated.WithIdentifier(updated.Identifier.WithTrailingTrivia(SyntaxFactory.Space))
                    .WithBaseList(updated.BaseList!.WithColonToken(SyntaxFactory.Token(SyntaxKind.ColonToken).WithTrailingTrivia(SyntaxFactory.Space))
                        .WithTrailingTrivia(type.Identifier.TrailingTrivia));
            }
            editor.ReplaceNode(type, updated);
            return await SyntaxHelpers.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
        }
    }
}
