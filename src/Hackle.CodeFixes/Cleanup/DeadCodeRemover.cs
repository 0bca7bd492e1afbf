using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// The deep clean: locals of the rewritten members and private methods of their types that were used before the
    /// rewrite and are not used after it, so only the deleted branches used them. A local goes only when its
    /// initializer has no effect (a name, a literal, a member read, or a new object built from those); anything else
    /// might do something, so it stays. Removing one can free another (a user id only the removed HackleUser used),
    /// so it repeats a few rounds.
    /// </summary>
    internal static class DeadCodeRemover
    {
        private const string TrackedKind = "Hackle.Cleanup.Tracked";
        private const int Rounds = 4;

        internal sealed class Tracker
        {
            public Tracker(SyntaxNode root, Dictionary<string, int> uses)
            {
                Root = root;
                Uses = uses;
            }

            /// <summary>The root with the tracked declarations annotated.</summary>
            public SyntaxNode Root { get; }

            /// <summary>Uses of each tracked declaration before the rewrite, by annotation data.</summary>
            public Dictionary<string, int> Uses { get; }
        }

        public static async Task<Tracker> TrackAsync(Document document, CancellationToken ct)
        {
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var uses = new Dictionary<string, int>();
            if (model is null || root is null) return new Tracker(root!, uses);

            var declarations = new HashSet<SyntaxNode>();
            foreach (var call in root.GetAnnotatedNodes(KnownValue.AnnotationKind))
            {
                var member = Scope(call);
                foreach (var declarator in member.DescendantNodes().OfType<VariableDeclaratorSyntax>())
                {
                    if (declarator.Parent?.Parent is LocalDeclarationStatementSyntax) declarations.Add(declarator);
                }
                if (call.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } type && !type.Modifiers.Any(SyntaxKind.PartialKeyword) && !(type is InterfaceDeclarationSyntax))
                {
                    foreach (var method in type.Members.OfType<MethodDeclarationSyntax>().Where(IsPrivateMethod)) declarations.Add(method);
                }
            }
            var ids = new Dictionary<SyntaxNode, string>();
            foreach (var declaration in declarations)
            {
                var count = CountUses(declaration, model, ct);
                if (count > 0) ids[declaration] = ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (count > 0) uses[ids[declaration]] = count;
            }
            var annotated = root.ReplaceNodes(ids.Keys, (old, current) => current.WithAdditionalAnnotations(new SyntaxAnnotation(TrackedKind, ids[old])));
            return new Tracker(annotated, uses);
        }

        public static async Task<Document> RemoveAsync(Document document, Tracker tracker, CancellationToken ct)
        {
            for (var round = 0; round < Rounds; round++)
            {
                var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
                if (model is null) return document;
                var root = model.SyntaxTree.GetRoot(ct);
                var unused = new List<SyntaxNode>();
                foreach (var declaration in root.GetAnnotatedNodes(TrackedKind))
                {
                    if (CountUses(declaration, model, ct) > 0) continue;
                    switch (declaration)
                    {
                        case MethodDeclarationSyntax method:
                            unused.Add(method);
                            break;
                        case VariableDeclaratorSyntax declarator when declarator.Parent is VariableDeclarationSyntax { Variables: { Count: 1 } } &&
                                                                      declarator.Parent.Parent is LocalDeclarationStatementSyntax statement &&
                                                                      (declarator.Initializer is null || HasNoEffect(declarator.Initializer.Value)):
                            unused.Add(statement.Parent is GlobalStatementSyntax global ? global : (SyntaxNode)statement);
                            break;
                    }
                }
                if (unused.Count == 0) return document;
                document = document.WithSyntaxRoot(Remove(root, unused));
            }
            return document;
        }

        /// <summary>Removes the declarations with their comments; the blank lines before each stay, so the file keeps its spacing.</summary>
        private static SyntaxNode Remove(SyntaxNode root, List<SyntaxNode> unused)
        {
            var blankLines = new Dictionary<SyntaxToken, List<SyntaxTrivia>>();
            foreach (var node in unused)
            {
                var blank = node.GetLeadingTrivia().TakeWhile(t => t.IsKind(SyntaxKind.EndOfLineTrivia) || t.IsKind(SyntaxKind.WhitespaceTrivia))
                    .Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
                var next = node.GetLastToken().GetNextToken();
                if (blank.Count == 0 || next.IsKind(SyntaxKind.None) || unused.Any(u => u.Span.Contains(next.Span))) continue;
                // The next declaration already has its blank line.
                if (next.LeadingTrivia.TakeWhile(t => t.IsKind(SyntaxKind.EndOfLineTrivia) || t.IsKind(SyntaxKind.WhitespaceTrivia)).Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))) continue;
                if (blankLines.TryGetValue(next, out var existing)) existing.AddRange(blank);
                else blankLines[next] = blank;
            }
            var tracked = root.TrackNodes(unused);
            tracked = tracked.ReplaceTokens(blankLines.Keys.Select(k => tracked.FindToken(k.SpanStart)),
                (old, current) => blankLines.TryGetValue(blankLines.Keys.First(k => k.SpanStart == old.SpanStart), out var blank)
                    ? current.WithLeadingTrivia(current.LeadingTrivia.InsertRange(0, blank.Take(1)))
                    : current);
            return tracked.RemoveNodes(unused.Select(u => tracked.GetCurrentNode(u)!), SyntaxRemoveOptions.KeepNoTrivia | SyntaxRemoveOptions.KeepDirectives)!;
        }

        /// <summary>The member (or top-level program) whose locals a call can see.</summary>
        private static SyntaxNode Scope(SyntaxNode node) =>
            node.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax || a is PropertyDeclarationSyntax || a is AccessorDeclarationSyntax || a is CompilationUnitSyntax) ?? node;

        private static bool IsPrivateMethod(MethodDeclarationSyntax method) =>
            !method.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) ||
                                       m.IsKind(SyntaxKind.OverrideKeyword) || m.IsKind(SyntaxKind.VirtualKeyword) || m.IsKind(SyntaxKind.AbstractKeyword) ||
                                       m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.PartialKeyword)) &&
            method.AttributeLists.Count == 0 && method.ExplicitInterfaceSpecifier is null && method.Identifier.ValueText != "Main";

        private static int CountUses(SyntaxNode declaration, SemanticModel model, CancellationToken ct)
        {
            var symbol = model.GetDeclaredSymbol(declaration, ct);
            if (symbol is null) return int.MaxValue;
            var scope = declaration is MethodDeclarationSyntax ? declaration.Parent! : Scope(declaration);
            var count = 0;
            foreach (var name in scope.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Identifier.ValueText != symbol.Name) continue;
                // A method calling itself does not keep itself alive.
                if (declaration is MethodDeclarationSyntax && name.Ancestors().Contains(declaration)) continue;
                var info = model.GetSymbolInfo(name, ct);
                var bound = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (SymbolEqualityComparer.Default.Equals(bound?.OriginalDefinition, symbol)) count++;
            }
            return count;
        }

        private static bool HasNoEffect(ExpressionSyntax expression) => expression switch
        {
            ObjectCreationExpressionSyntax creation => creation.Initializer is null &&
                                                      (creation.ArgumentList is null || creation.ArgumentList.Arguments.All(a => ConstantEvaluator.IsPure(a.Expression))),
            _ => ConstantEvaluator.IsPure(expression),
        };
    }
}
