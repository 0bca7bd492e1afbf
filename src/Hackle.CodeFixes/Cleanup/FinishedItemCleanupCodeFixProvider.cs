using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Hackle.Analyzers.Cleanup;
using Hackle.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// HKA110: keeps the code of a finished item's final value (the winner's switch section or branch, the on or off
    /// path) and deletes the rest, then what only the deleted code used. Fix All works per document over all its
    /// diagnostics at once, so nested experiments and several uses in one method fold together; uses the
    /// diagnostic marks as not fixable (VariationDetail, Detail) get no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FinishedItemCleanupCodeFixProvider)), Shared]
    public sealed class FinishedItemCleanupCodeFixProvider : CodeFixProvider
    {
        private const string EquivalenceKey = "HackleFinishedItemCleanup";

        private static readonly FixAllProvider s_fixAll = FixAllProvider.Create(
            (context, document, diagnostics) => CleanupRewriter.RewriteAsync(document, diagnostics, context.CancellationToken)!);

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.FinishedItemCleanup);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => s_fixAll;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var before = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!(KnownValue.FromDiagnostic(diagnostic) is { } known)) continue;
                // The rewrite runs now, so that a use whose code cannot be folded (a section that breaks out early,
                // an arm with a when clause) offers no fix rather than one that changes nothing.
                var rewritten = await CleanupRewriter.RewriteAsync(document, new[] { diagnostic }, context.CancellationToken).ConfigureAwait(false);
                var after = await rewritten.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
                if (after.ContentEquals(before)) continue;
                var title = diagnostic.Properties.TryGetValue(CleanupProperties.FixTitle, out var given) && given != null ? given
                    : "Keep " + (known.IsBoolean ? (known.BooleanValue ? "on" : "off") : known.Value) + " and remove the finished item's other code";
                context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(rewritten), EquivalenceKey), diagnostic);
            }
        }
    }
}
