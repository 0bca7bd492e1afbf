using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// The using directives the clean-up made unused: the compiler's own verdict (CS8019, "unnecessary using directive")
    /// before and after the rewrite, compared directive by directive. Only those used before and unused after go; a
    /// directive that was already unused is the author's business (or IDE0005's) and stays.
    /// </summary>
    internal sealed class UnusedUsings
    {
        private const string AnnotationKind = "Hackle.Cleanup.Using";
        private const string UnnecessaryUsing = "CS8019";

        private readonly Dictionary<SyntaxNode, string> _ids;
        private readonly HashSet<string> _unusedBefore;

        private UnusedUsings(Dictionary<SyntaxNode, string> ids, HashSet<string> unusedBefore)
        {
            _ids = ids;
            _unusedBefore = unusedBefore;
        }

        /// <summary>The document's using directives, to annotate in the same pass as the decision calls.</summary>
        public IEnumerable<SyntaxNode> Directives => _ids.Keys;

        public static async Task<UnusedUsings> TrackAsync(Document document, CancellationToken ct)
        {
            var ids = new Dictionary<SyntaxNode, string>();
            var unused = new HashSet<string>();
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            if (model is null) return new UnusedUsings(ids, unused);
            var root = await model.SyntaxTree.GetRootAsync(ct).ConfigureAwait(false);
            foreach (var directive in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
            {
                ids[directive] = ids.Count.ToString(CultureInfo.InvariantCulture);
            }
            foreach (var directive in Unnecessary(model, root, ct)) unused.Add(ids[directive]);
            return new UnusedUsings(ids, unused);
        }

        public SyntaxNode Annotate(SyntaxNode original, SyntaxNode current) =>
            _ids.TryGetValue(original, out var id) ? current.WithAdditionalAnnotations(new SyntaxAnnotation(AnnotationKind, id)) : current;

        public async Task<Document> RemoveNewlyUnusedAsync(Document document, CancellationToken ct)
        {
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            if (model is null) return document;
            var root = await model.SyntaxTree.GetRootAsync(ct).ConfigureAwait(false);
            var remove = Unnecessary(model, root, ct)
                .Where(d => d.GetAnnotations(AnnotationKind).FirstOrDefault()?.Data is { } id && !_unusedBefore.Contains(id))
                .ToList();
            if (remove.Count == 0) return document;
            var withComments = remove.Where(d => d.GetLeadingTrivia().Any(IsComment)).ToList();
            // A file header before the first using stays; a bare directive goes with its line.
            var cleaned = root.RemoveNodes(remove.Except(withComments), SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives)!;
            foreach (var directive in withComments)
            {
                var current = cleaned.GetAnnotatedNodes(AnnotationKind).First(n => n.GetAnnotations(AnnotationKind).First().Data == directive.GetAnnotations(AnnotationKind).First().Data);
                cleaned = cleaned.RemoveNode(current, SyntaxRemoveOptions.KeepLeadingTrivia | SyntaxRemoveOptions.KeepDirectives)!;
            }
            return document.WithSyntaxRoot(cleaned);
        }

        private static IEnumerable<UsingDirectiveSyntax> Unnecessary(SemanticModel model, SyntaxNode root, CancellationToken ct)
        {
            foreach (var diagnostic in model.GetDiagnostics(cancellationToken: ct))
            {
                if (diagnostic.Id != UnnecessaryUsing || !diagnostic.Location.IsInSource) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan);
                var directive = node as UsingDirectiveSyntax ?? node.FirstAncestorOrSelf<UsingDirectiveSyntax>();
                // Global usings serve every file of the project, not just this one.
                if (directive != null && directive.GlobalKeyword.IsKind(SyntaxKind.None)) yield return directive;
            }
        }

        private static bool IsComment(SyntaxTrivia trivia) =>
            trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);
    }
}
