using System;
using System.Collections.Immutable;
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
            var clientType = NeedsConcreteClient(model, creation, cancellationToken) ? SyntaxHelpers.ConcreteClientType() : SyntaxHelpers.ClientType();
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
                    editor.ReplaceNode(list, (node, _) => ((ParameterListSyntax)node).AddParameters(SyntaxHelpers.ClientParameter(name, clientType)));
                    if (fix == InjectionFix.ConstructorParameter && owner is ConstructorDeclarationSyntax changed
                        && creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } declaringType)
                    {
                        PassThroughChainedConstructors(editor, declaringType, model.GetDeclaredSymbol(changed, cancellationToken), name, clientType, cancellationToken);
                    }
                    break;
                default:
                    var type = creation.FirstAncestorOrSelf<TypeDeclarationSyntax>();
                    if (type is null) return document;
                    InjectThroughConstructor(editor, type, creation, fix, clientType);
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

        private static void InjectThroughConstructor(DocumentEditor editor, TypeDeclarationSyntax type, ExpressionSyntax creation, InjectionFix fix, TypeSyntax clientType)
        {
            var model = editor.SemanticModel;
            var parameter = SyntaxHelpers.UniqueName(model, creation.SpanStart, ParameterName);
            if (type.ParameterList != null)
            {
                // A primary constructor's parameter is in scope in initializers and members alike.
                UseInstead(editor, creation, parameter);
                editor.ReplaceNode(type.ParameterList, (node, _) => ((ParameterListSyntax)node).AddParameters(SyntaxHelpers.ClientParameter(parameter, clientType)));
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
                        SyntaxFactory.VariableDeclaration(clientType, SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(target))))
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
                    .AddParameterListParameters(SyntaxHelpers.ClientParameter(parameter, clientType))
                    .WithBody(SyntaxFactory.Block(assignment))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                var insertAt = type.Members.TakeWhile(m => m is FieldDeclarationSyntax || m is PropertyDeclarationSyntax).Count();
                editor.InsertMembers(type, insertAt + (fix == InjectionFix.FieldFromConstructor ? 1 : 0), new[] { constructor });
                return;
            }
            foreach (var constructor in constructors)
            {
                // A constructor that chains to this(...) takes the client too and passes it on to the one it
                // calls, which gets the parameter here as well.
                if (constructor.Initializer?.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword) == true)
                {
                    editor.ReplaceNode(constructor, (node, _) => PassOn((ConstructorDeclarationSyntax)node, parameter, clientType));
                    continue;
                }
                editor.ReplaceNode(constructor, (node, _) =>
                {
                    var current = (ConstructorDeclarationSyntax)node;
                    var body = current.Body
                        ?? SyntaxFactory.Block(current.ExpressionBody is null ? default : SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(current.ExpressionBody.Expression)));
                    return current
                        .AddParameterListParameters(SyntaxHelpers.ClientParameter(parameter, clientType))
                        .WithExpressionBody(null)
                        .WithSemicolonToken(default)
                        .WithBody(body.WithStatements(body.Statements.Insert(0, assignment)))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                });
            }
        }

        /// <summary>Constructors that chain with this(...) to <paramref name="target"/> take the client and pass it on.</summary>
        private static void PassThroughChainedConstructors(DocumentEditor editor, TypeDeclarationSyntax type, IMethodSymbol? target, string name, TypeSyntax clientType, CancellationToken cancellationToken)
        {
            if (target is null) return;
            foreach (var constructor in type.Members.OfType<ConstructorDeclarationSyntax>())
            {
                if (constructor.Initializer is { } initializer
                    && initializer.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword)
                    && SymbolEqualityComparer.Default.Equals(editor.SemanticModel.GetSymbolInfo(initializer, cancellationToken).Symbol, target))
                {
                    editor.ReplaceNode(constructor, (node, _) => PassOn((ConstructorDeclarationSyntax)node, name, clientType));
                }
            }
        }

        private static ConstructorDeclarationSyntax PassOn(ConstructorDeclarationSyntax constructor, string name, TypeSyntax clientType) =>
            constructor
                .AddParameterListParameters(SyntaxHelpers.ClientParameter(name, clientType))
                .WithInitializer(constructor.Initializer!.AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name))));

        /// <summary>
        /// True when the code needs the concrete <c>HackleClient</c>: the creation goes into storage declared
        /// <c>HackleClient</c>, or a <c>var</c> local (or the call itself) uses a member IHackleClient does not
        /// have (<c>EventStats</c>). AddHackle registers both types, so either can be injected.
        /// </summary>
        private static bool NeedsConcreteClient(SemanticModel model, ExpressionSyntax creation, CancellationToken cancellationToken)
        {
            var info = model.GetTypeInfo(creation, cancellationToken);
            if (!(info.ConvertedType is INamedTypeSymbol converted) || converted.TypeKind == TypeKind.Interface) return false;
            var clientInterface = converted.AllInterfaces.FirstOrDefault(i => i.Name == "IHackleClient");
            if (clientInterface is null) return false;
            var interfaceMembers = clientInterface.GetMembers().Concat(clientInterface.AllInterfaces.SelectMany(i => i.GetMembers()))
                .Select(m => m.Name).ToImmutableHashSet();
            bool ConcreteOnly(SyntaxNode use) =>
                use.Parent is MemberAccessExpressionSyntax access && access.Expression == use
                && model.GetSymbolInfo(access, cancellationToken).Symbol is { } member
                && !(member is IMethodSymbol { ReducedFrom: { } })
                && !interfaceMembers.Contains(member.Name);

            SyntaxNode outer = creation;
            while (outer.Parent is ParenthesizedExpressionSyntax parenthesized) outer = parenthesized;
            if (outer.Parent is MemberAccessExpressionSyntax) return ConcreteOnly(outer);
            if (outer.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && declarator.Parent is VariableDeclarationSyntax { Type: { IsVar: true } }
                && model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local)
            {
                var scope = (SyntaxNode?)declarator.FirstAncestorOrSelf<BlockSyntax>() ?? declarator.FirstAncestorOrSelf<CompilationUnitSyntax>();
                return scope != null && scope.DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Where(n => n.Identifier.ValueText == local.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, local))
                    .Any(ConcreteOnly);
            }
            // Storage, a parameter or a return typed HackleClient.
            return true;
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
