using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Analyzers.Cleanup;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// Rewrites one document for a set of HKA110 diagnostics: marks each finished decision call with its known value,
    /// folds until nothing known is left (re-binding after each step, so nested experiments and a flag inside an
    /// experiment's branch fold in turn), removes what only the deleted code used (<see cref="DeadCodeRemover"/>),
    /// formats and simplifies the touched code with the document's own options, then removes the using directives the
    /// rewrite left unused (<see cref="UnusedUsings"/>).
    /// </summary>
    internal static class CleanupRewriter
    {
        /// <summary>Each fold removes or replaces its node; the cap only guards against a bug looping forever.</summary>
        private const int StepsPerDiagnostic = 64;

        public static async Task<Document> RewriteAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            var calls = new Dictionary<SyntaxNode, KnownValue>();
            SemanticModel? original = null;
            foreach (var diagnostic in diagnostics)
            {
                if (!(KnownValue.FromDiagnostic(diagnostic) is { } known)) continue;
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (KnownValue.IsDroppedVariation(diagnostic))
                {
                    // The diagnostic marks the dropped variation's use (its Variant member or key string); what folds is the
                    // decision it is compared with.
                    original ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    diagnostic.Properties.TryGetValue(CleanupProperties.ExperimentKey, out var keyText);
                    var experimentKey = long.TryParse(keyText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : long.MinValue;
                    if (original != null && DroppedVariationSite.Governing(node, original, experimentKey, cancellationToken) is { } governing) calls[governing] = known;
                }
                else if (node is InvocationExpressionSyntax call)
                {
                    calls[call] = known;
                }
            }
            if (calls.Count == 0) return document;

            var usings = await UnusedUsings.TrackAsync(document, cancellationToken).ConfigureAwait(false);
            root = root.ReplaceNodes(calls.Keys.Concat(usings.Directives), (old, current) =>
                calls.TryGetValue(old, out var value) ? current.WithAdditionalAnnotations(value.ToAnnotation()) : usings.Annotate(old, current));
            var tracker = await DeadCodeRemover.TrackAsync(document.WithSyntaxRoot(root), cancellationToken).ConfigureAwait(false);
            root = tracker.Root;

            for (var step = 0; step < StepsPerDiagnostic * calls.Count; step++)
            {
                var model = await document.WithSyntaxRoot(root).GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null) break;
                root = model.SyntaxTree.GetRoot(cancellationToken);
                var next = root.GetAnnotatedNodes(KnownValue.AnnotationKind).OfType<ExpressionSyntax>().FirstOrDefault();
                if (next is null) break;
                var known = KnownValue.FromAnnotation(next.GetAnnotations(KnownValue.AnnotationKind).First());
                root = known is null
                    ? root.ReplaceNode(next, next.WithoutAnnotations(KnownValue.AnnotationKind))
                    : DeadBranchFolder.Step(root, model, next, known.Value, cancellationToken);
            }

            var cleaned = await DeadCodeRemover.RemoveAsync(document.WithSyntaxRoot(root), tracker, cancellationToken).ConfigureAwait(false);
            cleaned = await Formatter.FormatAsync(cleaned, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            cleaned = await Simplifier.ReduceAsync(cleaned, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            // After the simplifier: a kept value written fully qualified (global::HackleFlags.…Variant.B) is shortened
            // through the usings first, so the ones it needs are used again.
            return await usings.RemoveNewlyUnusedAsync(cleaned, cancellationToken).ConfigureAwait(false);
        }
    }
}
