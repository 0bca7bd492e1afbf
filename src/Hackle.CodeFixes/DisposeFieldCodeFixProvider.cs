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
            var disposeText = DisposeText(member, nullable, holder, type, asynchronous: false);
            if (!(diagnostic.Properties.TryGetValue(DiagnosticProperties.TypeIsDisposable, out var disposable) && disposable == "true"))
            {
                Register(context, diagnostic, "Implement IDisposable and dispose '" + member + "'", ct => ImplementDisposableAsync(context.Document, type, disposeText, ct));
                return;
            }

            // The Dispose methods of every part of a partial type: the one to extend may be in another file.
            var symbol = model?.GetDeclaredSymbol(type, context.CancellationToken) as INamedTypeSymbol;
            var methods = symbol is null
                ? type.Members.OfType<MethodDeclarationSyntax>().ToArray()
                : symbol.DeclaringSyntaxReferences
                    .Select(r => r.GetSyntax(context.CancellationToken)).OfType<TypeDeclarationSyntax>()
                    .SelectMany(part => part.Members.OfType<MethodDeclarationSyntax>()).ToArray();

            // The Dispose(bool) pattern: managed resources are released under 'if (disposing)'.
            var disposeBool = methods.FirstOrDefault(IsDisposeBoolMethod);
            if (disposeBool != null)
            {
                Register(context, diagnostic, "Dispose '" + member + "' in Dispose(bool)",
                    ct => EditAsync(context.Document, disposeBool, (document, c) => AppendToDisposingBranchAsync(document, disposeBool, disposeText, c), ct));
                return;
            }
            var dispose = methods.FirstOrDefault(IsDisposeMethod);
            if (dispose != null)
            {
                Register(context, diagnostic, "Dispose '" + member + "' in Dispose()",
                    ct => EditAsync(context.Document, dispose, (document, c) => AppendToDisposeAsync(document, dispose, disposeText, c), ct));
                return;
            }
            // Only IAsyncDisposable: the client is disposed asynchronously in DisposeAsync().
            var disposeAsync = methods.FirstOrDefault(IsDisposeAsyncMethod);
            if (disposeAsync != null && AsyncDisposeBody(disposeAsync, DisposeText(member, nullable, holder, type, asynchronous: true)) is { } asyncBody)
            {
                Register(context, diagnostic, "Dispose '" + member + "' in DisposeAsync()",
                    ct => EditAsync(context.Document, disposeAsync, (document, c) => ReplaceWithAsyncBodyAsync(document, disposeAsync, asyncBody, c), ct));
                return;
            }
            // Disposable through a base class with an overridable Dispose() (BackgroundService): override it.
            if (symbol != null && HasOverridableBaseDispose(symbol))
            {
                Register(context, diagnostic, "Override Dispose() and dispose '" + member + "'", ct => OverrideDisposeAsync(context.Document, type, disposeText, ct));
            }
        }

        /// <summary>Applies <paramref name="edit"/> to the document that declares <paramref name="target"/> (another part of a partial type may be in another file).</summary>
        private static async Task<Solution> EditAsync(Document current, SyntaxNode target, System.Func<Document, CancellationToken, Task<Document>> edit, CancellationToken cancellationToken)
        {
            var document = current.Project.Solution.GetDocument(target.SyntaxTree) ?? current;
            var changed = await edit(document, cancellationToken).ConfigureAwait(false);
            return changed.Project.Solution;
        }

        private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, System.Func<CancellationToken, Task<Solution>> fix) =>
            context.RegisterCodeFix(CodeAction.Create(title, fix, nameof(DisposeFieldCodeFixProvider)), diagnostic);

        private static bool IsDisposeAsyncMethod(MethodDeclarationSyntax method) =>
            method.Identifier.ValueText == "DisposeAsync"
            && method.ParameterList.Parameters.Count == 0
            && method.TypeParameterList is null
            && method.ReturnType is IdentifierNameSyntax { Identifier: { ValueText: "ValueTask" } } or QualifiedNameSyntax { Right: { Identifier: { ValueText: "ValueTask" } } };

        /// <summary>
        /// The new body of DisposeAsync() with <paramref name="disposeText"/> appended, as an async method: an async
        /// method gets the statement at the end; a synchronous one that returns a completed ValueTask (or
        /// another ValueTask, which is then awaited) becomes async. Null for shapes it cannot rewrite safely.
        /// </summary>
        private static BlockSyntax? AsyncDisposeBody(MethodDeclarationSyntax method, string disposeText)
        {
            var added = DisposeCall(disposeText);
            if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
            {
                if (method.Body != null) return method.Body.AddStatements(added);
                return method.ExpressionBody is null ? null : SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(method.ExpressionBody.Expression), added);
            }
            var statements = new System.Collections.Generic.List<StatementSyntax>();
            ExpressionSyntax? returned;
            if (method.ExpressionBody != null)
            {
                returned = method.ExpressionBody.Expression;
            }
            else if (method.Body != null)
            {
                var body = method.Body.Statements;
                if (body.Count == 0 || !(body.Last() is ReturnStatementSyntax last) || last.Expression is null) return null;
                // Only a single return at the end: earlier returns would skip the added statement.
                if (method.Body.DescendantNodes().OfType<ReturnStatementSyntax>().Count() != 1) return null;
                if (method.Body.DescendantNodes().Any(n => n is LambdaExpressionSyntax || n is LocalFunctionStatementSyntax)) return null;
                statements.AddRange(body.Take(body.Count - 1));
                returned = last.Expression;
            }
            else
            {
                return null;
            }
            if (!IsCompletedValueTask(returned))
            {
                statements.Add(SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(returned.WithoutTrivia())));
            }
            statements.Add(added);
            return SyntaxFactory.Block(statements);
        }

        private static bool IsCompletedValueTask(ExpressionSyntax expression) => expression switch
        {
            LiteralExpressionSyntax literal => literal.IsKind(SyntaxKind.DefaultLiteralExpression),
            DefaultExpressionSyntax _ => true,
            ObjectCreationExpressionSyntax { ArgumentList: { Arguments: { Count: 0 } } } => true,
            ImplicitObjectCreationExpressionSyntax { ArgumentList: { Arguments: { Count: 0 } } } => true,
            MemberAccessExpressionSyntax { Name: { Identifier: { ValueText: "CompletedTask" } } } => true,
            _ => false,
        };

        private static async Task<Document> ReplaceWithAsyncBodyAsync(Document document, MethodDeclarationSyntax method, BlockSyntax body, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var modifiers = method.Modifiers.Any(SyntaxKind.AsyncKeyword)
                ? method.Modifiers
                : method.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            var updated = method
                .WithModifiers(modifiers)
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(body)
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.ReplaceNode(method, updated);
            return editor.GetChangedDocument();
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
        private static string DisposeText(string member, bool nullable, string? holder, TypeDeclarationSyntax type, bool asynchronous)
        {
            var call = asynchronous ? "await {0}.DisposeAsync();" : "{0}.Dispose();";
            switch (holder)
            {
                case "Lazy":
                    return (nullable ? "if (" + member + " is { IsValueCreated: true }) " : "if (" + member + ".IsValueCreated) ")
                        + string.Format(System.Globalization.CultureInfo.InvariantCulture, call, member + ".Value");
                case "Dictionary":
                    // A loop variable must not shadow a name already used in the type.
                    var variable = type.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == "client") ? "heldClient" : "client";
                    var loop = "foreach (var " + variable + " in " + member + ".Values) " + string.Format(System.Globalization.CultureInfo.InvariantCulture, call, variable);
                    return nullable ? "if (" + member + " != null) { " + loop + " }" : loop;
                default:
                    if (!asynchronous) return member + (nullable ? "?." : ".") + "Dispose();";
                    return (nullable ? "if (" + member + " != null) " : string.Empty) + string.Format(System.Globalization.CultureInfo.InvariantCulture, call, member);
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
            // AddBaseListTypes puts the colon after the trailing trivia (often a line break) of what precedes it: the
            // identifier, the type parameters, or a primary constructor's parameters. Keep "class X(...) : IDisposable" on one line.
            if (type.BaseList is null)
            {
                var before = LastTokenBeforeBaseList(updated);
                var originalTrivia = LastTokenBeforeBaseList(type).TrailingTrivia;
                updated = updated.ReplaceToken(before, before.WithTrailingTrivia(SyntaxFactory.Space));
                updated = updated.WithBaseList(updated.BaseList!.WithColonToken(SyntaxFactory.Token(SyntaxKind.ColonToken).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithTrailingTrivia(originalTrivia));
            }
            editor.ReplaceNode(type, updated);
            return await SyntaxHelpers.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
        }

        private static SyntaxToken LastTokenBeforeBaseList(TypeDeclarationSyntax type) =>
            type.ParameterList?.CloseParenToken ?? type.TypeParameterList?.GreaterThanToken ?? type.Identifier;
    }
}
