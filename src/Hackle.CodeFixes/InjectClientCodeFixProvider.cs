using System;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Lifetime;
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
    /// HKA101: takes <c>IHackleClient</c> from dependency injection instead of creating it: a handler
    /// parameter for minimal APIs, a constructor parameter (kept in a readonly field) for classes. A
    /// <c>using</c> around the creation is removed, since the container owns the injected client.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InjectClientCodeFixProvider)), Shared]
    public sealed class InjectClientCodeFixProvider : HackleCodeFixProvider
    {
        private const string Title = "Take IHackleClient from dependency injection";
        private const string ParameterName = "hackleClient";
        private const string FieldName = "_hackleClient";

        /// <summary>Creates the provider.</summary>
        public InjectClientCodeFixProvider() : base(DiagnosticIds.ClientCreatedPerRequest, batchFixAll: false) { }

        /// <inheritdoc />
        protected override void RegisterFix(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.InjectionFix, out var value)
                || !Enum.TryParse<InjectionFix>(value, out var fix)
                || fix == InjectionFix.None)
            {
                return;
            }
            if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax creation)) return;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixAsync(context.Document, creation, fix, ct), nameof(InjectClientCodeFixProvider)),
                diagnostic);
        }

        private static async Task<Document> FixAsync(Document document, ExpressionSyntax creation, InjectionFix fix, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            switch (fix)
            {
                case InjectionFix.LambdaParameter:
                case InjectionFix.MethodParameter:
                case InjectionFix.ConstructorParameter:
                    var owner = ParameterOwner(creation, fix);
                    var list = owner is null ? null : ParameterList(owner);
                    if (list is null) return document;
                    var name = SyntaxHelpers.UniqueName(model, creation.SpanStart, ParameterName);
                    UseInstead(editor, creation, name);
                    editor.ReplaceNode(list, (node, _) => ((ParameterListSyntax)node).AddParameters(SyntaxHelpers.ClientParameter(name)));
                    break;
                default:
                    var type = creation.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                    if (type is null) return document;
                    InjectThroughConstructor(editor, type, creation, fix);
                    break;
            }
            return await SyntaxHelpers.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The lambda, method, local function or constructor that gets the new parameter.</summary>
        private static SyntaxNode? ParameterOwner(SyntaxNode creation, InjectionFix fix) => fix switch
        {
            InjectionFix.LambdaParameter => creation.Ancestors().OfType<ParenthesizedLambdaExpressionSyntax>().FirstOrDefault(l => l.Parent is ArgumentSyntax),
            InjectionFix.MethodParameter => creation.Ancestors().FirstOrDefault(a => a is LocalFunctionStatementSyntax || a is MethodDeclarationSyntax),
            _ => creation.FirstAncestorOrSelf<ConstructorDeclarationSyntax>(),
        };

        private static ParameterListSyntax? ParameterList(SyntaxNode owner) => owner switch
        {
            ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList,
            BaseMethodDeclarationSyntax method => method.ParameterList,
            LocalFunctionStatementSyntax local => local.ParameterList,
            _ => null,
        };

        private static void InjectThroughConstructor(DocumentEditor editor, TypeDeclarationSyntax type, ExpressionSyntax creation, InjectionFix fix)
        {
            var model = editor.SemanticModel;
            var parameter = SyntaxHelpers.UniqueName(model, creation.SpanStart, ParameterName);
            if (type.ParameterList != null)
            {
                // A primary constructor's parameter is in scope in initializers and members alike.
                UseInstead(editor, creation, parameter);
                editor.ReplaceNode(type.ParameterList, (node, _) => ((ParameterListSyntax)node).AddParameters(SyntaxHelpers.ClientParameter(parameter)));
                return;
            }

            string target;
            if (fix == InjectionFix.AssignInConstructor)
            {
                target = RemoveInitializer(editor, creation);
                if (target.Length == 0) return;
            }
            else
            {
                target = SyntaxHelpers.UniqueName(model, creation.SpanStart, FieldName);
                var field = SyntaxFactory.FieldDeclaration(
                        SyntaxFactory.VariableDeclaration(SyntaxHelpers.ClientType(), SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(target))))
                    .AddModifiers(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                editor.InsertMembers(type, 0, new[] { field });
                UseInstead(editor, creation, target);
            }

            var assignment = SyntaxHelpers.Assignment(SyntaxFactory.IdentifierName(target), parameter);
            var constructors = type.Members.OfType<ConstructorDeclarationSyntax>()
                .Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword))
                .ToList();
            if (constructors.Count == 0)
            {
                var constructor = SyntaxFactory.ConstructorDeclaration(type.Identifier.WithoutTrivia())
                    .AddModifiers(SyntaxFactory.Token(SyntaxKind.PublicKeyword))
                    .AddParameterListParameters(SyntaxHelpers.ClientParameter(parameter))
                    .WithBody(SyntaxFactory.Block(assignment))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                var insertAt = type.Members.TakeWhile(m => m is FieldDeclarationSyntax || m is PropertyDeclarationSyntax).Count();
                editor.InsertMembers(type, insertAt + (fix == InjectionFix.FieldFromConstructor ? 1 : 0), new[] { constructor });
                return;
            }
            foreach (var constructor in constructors)
            {
                // A constructor that chains to this(...) gets the client from the one it calls.
                if (constructor.Initializer?.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword) == true) continue;
                editor.ReplaceNode(constructor, (node, _) =>
                {
                    var current = (ConstructorDeclarationSyntax)node;
                    var body = current.Body
                        ?? SyntaxFactory.Block(current.ExpressionBody is null ? default : SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(current.ExpressionBody.Expression)));
                    return current
                        .AddParameterListParameters(SyntaxHelpers.ClientParameter(parameter))
                        .WithExpressionBody(null)
                        .WithSemicolonToken(default)
                        .WithBody(body.WithStatements(body.Statements.Insert(0, assignment)))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                });
            }
        }

        /// <summary>Removes the creation that initialises a field or property and returns that member's name.</summary>
        private static string RemoveInitializer(DocumentEditor editor, ExpressionSyntax creation)
        {
            switch (creation.Parent?.Parent)
            {
                case VariableDeclaratorSyntax declarator:
                    editor.ReplaceNode(declarator, declarator.WithInitializer(null).WithIdentifier(declarator.Identifier.WithoutTrivia()));
                    return declarator.Identifier.ValueText;
                case PropertyDeclarationSyntax property:
                    editor.ReplaceNode(property, property.WithInitializer(null).WithSemicolonToken(default)
                        .WithAccessorList(property.AccessorList!.WithTrailingTrivia(property.SemicolonToken.TrailingTrivia)));
                    return property.Identifier.ValueText;
                default:
                    return string.Empty;
            }
        }

        /// <summary>Replaces the creation with <paramref name="name"/>, dropping a <c>using</c> that would dispose the injected client.</summary>
        private static void UseInstead(DocumentEditor editor, ExpressionSyntax creation, string name)
        {
            editor.ReplaceNode(creation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(creation));
            var declaration = creation.Parent?.Parent?.Parent as VariableDeclarationSyntax;
            switch (declaration?.Parent)
            {
                case LocalDeclarationStatementSyntax local when local.UsingKeyword != default:
                    editor.ReplaceNode(local, (node, _) =>
                    {
                        var current = (LocalDeclarationStatementSyntax)node;
                        return current.WithAwaitKeyword(default).WithUsingKeyword(default).WithLeadingTrivia(local.GetLeadingTrivia());
                    });
                    break;
                case UsingStatementSyntax usingStatement:
                    editor.ReplaceNode(usingStatement, (node, _) =>
                    {
                        var current = (UsingStatementSyntax)node;
                        var body = current.Statement is BlockSyntax block ? block.Statements : SyntaxFactory.SingletonList(current.Statement);
                        return SyntaxFactory.Block(body.Insert(0, SyntaxFactory.LocalDeclarationStatement(current.Declaration!)))
                            .WithTriviaFrom(current)
                            .WithAdditionalAnnotations(Formatter.Annotation);
                    });
                    break;
            }
        }
    }
}
