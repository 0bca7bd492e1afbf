using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Hackle.CodeFixes
{
    /// <summary>Small syntax builders shared by the code fixes.</summary>
    internal static class SyntaxHelpers
    {
        /// <summary>A fully qualified type that the simplifier shortens and imports, e.g. <c>IHackleClient</c>.</summary>
        public static TypeSyntax QualifiedType(string fullyQualifiedName) =>
            SyntaxFactory.ParseTypeName(fullyQualifiedName)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary>The same as <see cref="QualifiedType"/> in expression position (parsed as member accesses, as the compiler would).</summary>
        public static ExpressionSyntax QualifiedExpression(string fullyQualifiedName) =>
            SyntaxFactory.ParseExpression(fullyQualifiedName)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary>
        /// Adds the using directives that the <see cref="QualifiedType"/> names need; the code action's own
        /// clean-up then shortens those names (Roslyn 4.8 does not add the imports by itself).
        /// </summary>
        public static Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken) =>
            ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);

        /// <summary>Offers <paramref name="fixedRoot"/> as the document's new root under <paramref name="title"/>.</summary>
        public static void RegisterRootFix(this Microsoft.CodeAnalysis.CodeFixes.CodeFixContext context, Diagnostic diagnostic, string title, SyntaxNode fixedRoot,
            string equivalenceKey, bool addImports = false)
        {
            var document = context.Document;
            context.RegisterCodeFix(
                Microsoft.CodeAnalysis.CodeActions.CodeAction.Create(
                    title,
                    ct => addImports ? AddImportsAsync(document.WithSyntaxRoot(fixedRoot), ct) : Task.FromResult(document.WithSyntaxRoot(fixedRoot)),
                    equivalenceKey),
                diagnostic);
        }

        /// <summary>The <c>IHackleClient</c> type.</summary>
        public static TypeSyntax ClientType() => QualifiedType("global::Hackle.IHackleClient");

        /// <summary>The concrete <c>global::Hackle.HackleClient</c> (AddHackle registers it as well as the interface).</summary>
        public static TypeSyntax ConcreteClientType() => QualifiedType("global::Hackle.HackleClient");

        /// <summary>A <c>IHackleClient name</c> parameter.</summary>
        public static ParameterSyntax ClientParameter(string name) => ClientParameter(name, ClientType());

        /// <summary>A parameter <c>name</c> of <paramref name="type"/>.</summary>
        public static ParameterSyntax ClientParameter(string name, TypeSyntax type) =>
            SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)).WithType(type);

        /// <summary>A statement <c>target = value;</c>.</summary>
        public static StatementSyntax Assignment(ExpressionSyntax target, string value) =>
            SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression, target, SyntaxFactory.IdentifierName(value)))
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary><paramref name="baseName"/>, or it with a number appended when the name is already used in scope.</summary>
        public static string UniqueName(SemanticModel model, int position, string baseName)
        {
            var name = baseName;
            for (var i = 2; model.LookupSymbols(position, name: name).Length > 0; i++) name = baseName + i;
            return name;
        }
    }
}
