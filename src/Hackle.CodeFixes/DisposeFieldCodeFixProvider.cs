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
        public DisposeFieldCodeFixProvider() : base(DiagnosticIds.ClientFieldNotDisposed, batchFixAll: false, needsSemanticModel: true) { }

        /// <inheritdoc />
        protected override void RegisterFix(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic)
        {
            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            var type = token.Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (type is null) return;
            var member = token.ValueText;
            var nullable = IsNullable(token.Parent!);
            diagnostic.Properties.TryGetValue(DiagnosticProperties.HolderKind, out var holder);
            var disposeText = DisposeText(member, nullable, holder, type);
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.TypeIsDisposable, out var disposable) && disposable == "true")
            {
                // The Dispose(bool) pattern: managed resources are released under 'if (disposing)'.
                var disposeBool = type.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(IsDisposeBoolMethod);
                if (disposeBool != null)
                {
                    Register(context, diagnostic, "Dispose '" + member + "' in Dispose(bool)", ct => AppendToDisposingBranchAsync(context.Document, disposeBool, disposeText, ct));
                    return;
                }
                var dispose = type.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(IsDisposeMethod);
                if (dispose != null)
                {
                    Register(context, diagnostic, "Dispose '" + member + "' in Dispose()", ct => AppendToDisposeAsync(context.Document, dispose, disposeText, ct));
                    return;
                }
                // Disposable through a base class with an overridable Dispose() (BackgroundService): override it.
                if (model?.GetDeclaredSymbol(type, context.CancellationToken) is INamedTypeSymbol symbol && HasOverridableBaseDispose(symbol))
                {
                    Register(context, diagnostic, "Override Dispose() and dispose '" + member + "'", ct => OverrideDisposeAsync(context.Document, type, disposeText, ct));
                }
            }
            else
            {
                Register(context, diagnostic, "Implement IDisposable and dispose '" + member + "'", ct => ImplementDisposableAsync(context.Document, type, disposeText, ct));
            }
        }

        private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, System.Func<CancellationToken, Task<Document>> fix) =>
            context.RegisterCodeFix(CodeAction.Create(title, fix, nameof(DisposeFieldCodeFixProvider)), diagnostic);

        private static bool IsDisposeMethod(MethodDeclarationSyntax method) =>
            method.Identifier.ValueText == "Dispose"
            && method.ParameterList.Parameters.Count == 0
            && method.ReturnType is PredefinedTypeSyntax { Keyword: { RawKind: (int)SyntaxKind.VoidKeyword } };

        private static bool IsDisposeBoolMethod(MethodDeclarationSyntax method) =>
            method.Identifier.ValueText == "Dispose"
            && method.ParameterList.Parameters.Count == 1
            && method.ParameterList.Parameters[0].Type is PredefinedTypeSyntax { Keyword: { RawKind: (int)SyntaxKind.BoolKeyword } }
            && method.Body != null;

        private static bool HasOverridableBaseDispose(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                foreach (var candidate in current.GetMembers("Dispose"))
                {
                    if (candidate is IMethodSymbol { Parameters: { Length: 0 }, ReturnsVoid: true } method
                        && (method.IsVirtual || method.IsOverride || method.IsAbstract) && !method.IsSealed
                        && method.DeclaredAccessibility == Accessibility.Public)
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private static async Task<Document> AppendToDisposingBranchAsync(Document document, MethodDeclarationSyntax dispose, string disposeText, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var disposing = dispose.ParameterList.Parameters[0].Identifier.ValueText;
            var branch = dispose.Body!.Statements.OfType<IfStatementSyntax>()
                .FirstOrDefault(i => i.Condition is IdentifierNameSyntax name && name.Identifier.ValueText == disposing);
            if (branch != null)
            {
                var block = branch.Statement as BlockSyntax ?? SyntaxFactory.Block(branch.Statement);
                editor.ReplaceNode(branch, branch.WithStatement(block.AddStatements(DisposeCall(disposeText))).WithAdditionalAnnotations(Formatter.Annotation));
            }
            else
            {
                var added = SyntaxFactory.IfStatement(SyntaxFactory.IdentifierName(disposing), SyntaxFactory.Block(DisposeCall(disposeText)))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                editor.ReplaceNode(dispose.Body, dispose.Body.WithStatements(dispose.Body.Statements.Insert(0, added)));
            }
            return editor.GetChangedDocument();
        }

        private static async Task<Document> OverrideDisposeAsync(Document document, TypeDeclarationSyntax type, string disposeText, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var dispose = SyntaxFactory.MethodDeclaration(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)), "Dispose")
                .AddModifiers(SyntaxFactory.Token(SyntaxKind.PublicKeyword), SyntaxFactory.Token(SyntaxKind.OverrideKeyword))
                .WithBody(SyntaxFactory.Block(
                    DisposeCall(disposeText).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed),
                    SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.BaseExpression(), SyntaxFactory.IdentifierName("Dispose"))))))
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.AddMember(type, dispose);
            return editor.GetChangedDocument();
        }

        private static bool IsNullable(SyntaxNode declaration)
        {
            var type = declaration.FirstAncestorOrSelf<VariableDeclarationSyntax>()?.Type
                ?? declaration.FirstAncestorOrSelf<PropertyDeclarationSyntax>()?.Type;
            return type is NullableTypeSyntax;
        }

        private static StatementSyntax DisposeCall(string disposeText) =>
            SyntaxFactory.ParseStatement(disposeText).WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>
        /// The statement that disposes what the member holds: the client itself, a Lazy's value once created, or
        /// every client of a dictionary.
        /// </summary>
        private static string DisposeText(string member, bool nullable, string? holder, TypeDeclarationSyntax type)
        {
            switch (holder)
            {
                case "Lazy":
                    return nullable
                        ? "if (" + member + " is { IsValueCreated: true }) " + member + ".Value.Dispose();"
                        : "if (" + member + ".IsValueCreated) " + member + ".Value.Dispose();";
                case "Dictionary":
                    // A loop variable must not shadow a name already used in the type.
                    var variable = type.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == "client") ? "heldClient" : "client";
                    var loop = "foreach (var " + variable + " in " + member + ".Values) " + variable + ".Dispose();";
                    return nullable ? "if (" + member + " != null) { " + loop + " }" : loop;
                default:
                    return member + (nullable ? "?." : ".") + "Dispose();";
            }
        }

        private static async Task<Document> AppendToDisposeAsync(Document document, MethodDeclarationSyntax dispose, string disposeText, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var body = dispose.Body
                ?? SyntaxFactory.Block(dispose.ExpressionBody is null ? default : SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(dispose.ExpressionBody.Expression)));
            var updated = dispose
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(body.AddStatements(DisposeCall(disposeText)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.ReplaceNode(dispose, updated);
            return editor.GetChangedDocument();
        }

        private static async Task<Document> ImplementDisposableAsync(Document document, TypeDeclarationSyntax type, string disposeText, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var dispose = SyntaxFactory.MethodDeclaration(SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.VoidKeyword)), "Dispose")
                .AddModifiers(SyntaxFactory.Token(SyntaxKind.PublicKeyword))
                .WithBody(SyntaxFactory.Block(DisposeCall(disposeText)))
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
