using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Hackle.CodeFixes
{
    /// <summary>
    /// The preamble every Hackle code fix shares: one fixable diagnostic id, batch fix-all or none, the document's
    /// syntax root (and semantic model, when asked for) loaded once, and each diagnostic handed to
    /// <see cref="RegisterFix"/>, which registers nothing when the code is not in the shape the fix expects.
    /// </summary>
    public abstract class HackleCodeFixProvider : CodeFixProvider
    {
        private readonly bool _batchFixAll;
        private readonly bool _needsSemanticModel;

        /// <summary>Sets what the fix needs.</summary>
        /// <param name="diagnosticId">The diagnostic the fix repairs.</param>
        /// <param name="batchFixAll">True when fixes of several diagnostics are independent and can be batched; false for fixes
        /// that edit shared declarations (constructors, Dispose methods), where batching would conflict.</param>
        /// <param name="needsSemanticModel">True to load the semantic model before <see cref="RegisterFix"/>.</param>
        protected HackleCodeFixProvider(string diagnosticId, bool batchFixAll, bool needsSemanticModel = false)
        {
            FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
            _batchFixAll = batchFixAll;
            _needsSemanticModel = needsSemanticModel;
        }

        /// <inheritdoc />
        public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

        /// <inheritdoc />
        public sealed override FixAllProvider? GetFixAllProvider() => _batchFixAll ? WellKnownFixAllProviders.BatchFixer : null;

        /// <inheritdoc />
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null) return;
            SemanticModel? model = null;
            if (_needsSemanticModel)
            {
                model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                if (model is null) return;
            }
            foreach (var diagnostic in context.Diagnostics) RegisterFix(context, root, model, diagnostic);
        }

        /// <summary>Registers the fix of one diagnostic, or nothing when the code is not in the expected shape.</summary>
        /// <param name="context">The code-fix context.</param>
        /// <param name="root">The document's syntax root.</param>
        /// <param name="model">The semantic model when the constructor asked for it, otherwise null.</param>
        /// <param name="diagnostic">The diagnostic to fix.</param>
        protected abstract void RegisterFix(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic);
    }
}
