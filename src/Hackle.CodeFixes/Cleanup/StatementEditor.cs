using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// Replaces a statement with the statements that survive it: spliced into the enclosing block (or switch section,
    /// or top-level program), or wrapped in a block where C# needs one statement or where a kept local would clash with
    /// a name outside. Comments before the statement stay in front of the kept code; code after a kept
    /// <c>return</c>/<c>throw</c> is unreachable and goes too.
    /// </summary>
    internal static class StatementEditor
    {
        public static SyntaxNode ReplaceIf(SyntaxNode root, IfStatementSyntax ifStatement, bool condition)
        {
            var kept = condition ? ifStatement.Statement : ifStatement.Else?.Statement;
            if (ifStatement.Parent is ElseClauseSyntax elseClause && elseClause.Parent is IfStatementSyntax outer)
            {
                // `else if (…)`: the kept branch becomes the else branch, or the else goes.
                return kept is null
                    ? root.ReplaceNode(outer, outer.WithElse(null).WithAdditionalAnnotations(Formatter.Annotation))
                    : root.ReplaceNode(ifStatement, kept.WithAdditionalAnnotations(Formatter.Annotation));
            }
            var statements = kept is null ? new List<StatementSyntax>()
                : kept is BlockSyntax block && !ClashesOutside(block, ifStatement) ? Unwrap(block)
                : new List<StatementSyntax> { kept };
            return ReplaceStatement(root, ifStatement, statements, default);
        }

        /// <summary>The statements of a switch section without its closing <c>break</c>, or null when the code jumps elsewhere in the switch.</summary>
        public static List<StatementSyntax>? SectionBody(SwitchSectionSyntax section, SwitchStatementSyntax switchStatement)
        {
            var statements = section.Statements.ToList();
            if (statements.Count == 1 && statements[0] is BlockSyntax block && !ClashesOutside(block, switchStatement)) statements = Unwrap(block);
            if (statements.Count > 0 && statements[statements.Count - 1] is BreakStatementSyntax last)
            {
                statements.RemoveAt(statements.Count - 1);
                // A comment before the break stays.
                if (last.GetLeadingTrivia().Any(IsComment) && statements.Count > 0)
                {
                    var end = statements.Count - 1;
                    statements[end] = statements[end].WithTrailingTrivia(statements[end].GetTrailingTrivia().AddRange(last.GetLeadingTrivia()));
                }
            }
            foreach (var statement in statements)
            {
                foreach (var node in statement.DescendantNodesAndSelf(n => !(n is SwitchStatementSyntax) && !IsLoop(n) && !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax)))
                {
                    if (node is BreakStatementSyntax || node is GotoStatementSyntax { CaseOrDefaultKeyword: { } keyword } && !keyword.IsKind(SyntaxKind.None)) return null;
                }
            }
            return statements;
        }

        /// <summary>Replaces <paramref name="old"/> with <paramref name="statements"/>, keeping its leading comments and <paramref name="extraComments"/>.</summary>
        public static SyntaxNode ReplaceStatement(SyntaxNode root, StatementSyntax old, List<StatementSyntax> statements, SyntaxTriviaList extraComments)
        {
            var leading = old.GetLeadingTrivia();
            var comments = extraComments.Where(IsComment).ToList();
            if (statements.Count > 0)
            {
                var first = statements[0];
                var prefix = new List<SyntaxTrivia>(leading);
                foreach (var comment in comments)
                {
                    prefix.Add(comment);
                    prefix.Add(SyntaxFactory.ElasticCarriageReturnLineFeed);
                }
                // The formatter re-indents the lines; only one indentation run may precede the first token.
                var own = first.GetLeadingTrivia().ToList();
                if (prefix.Count > 0 && prefix[prefix.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) && own.Count > 0) prefix.RemoveAt(prefix.Count - 1);
                statements[0] = first.WithLeadingTrivia(prefix.Concat(own));
                statements[statements.Count - 1] = statements[statements.Count - 1].WithTrailingTrivia(
                    statements[statements.Count - 1].GetTrailingTrivia().Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia)).Concat(old.GetTrailingTrivia()));
            }
            var formatted = statements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();

            switch (old.Parent)
            {
                case BlockSyntax block:
                    return root.ReplaceNode(block, WithoutUnreachable(block.WithStatements(Splice(block.Statements, old, formatted)), block.Statements.IndexOf(old), formatted));
                case SwitchSectionSyntax section:
                    return root.ReplaceNode(section, section.WithStatements(Splice(section.Statements, old, formatted)));
                case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit:
                    var members = new List<MemberDeclarationSyntax>();
                    foreach (var member in unit.Members)
                    {
                        if (member == global) members.AddRange(formatted.Select(s => SyntaxFactory.GlobalStatement(s)));
                        else members.Add(member);
                    }
                    return root.ReplaceNode(unit, unit.WithMembers(SyntaxFactory.List(members)));
                default:
                    // An embedded statement (the body of an if, loop or else) must stay one statement.
                    StatementSyntax single = formatted.Count == 1 ? formatted[0] : SyntaxFactory.Block(formatted).WithTriviaFrom(old).WithAdditionalAnnotations(Formatter.Annotation);
                    return root.ReplaceNode(old, single);
            }
        }

        private static SyntaxList<StatementSyntax> Splice(SyntaxList<StatementSyntax> statements, StatementSyntax old, List<StatementSyntax> replacement)
        {
            var result = new List<StatementSyntax>();
            foreach (var statement in statements)
            {
                if (statement == old) result.AddRange(replacement);
                else result.Add(statement);
            }
            return SyntaxFactory.List(result);
        }

        /// <summary>After a kept <c>return</c>/<c>throw</c>/<c>continue</c>/<c>break</c>, the block's later statements never run (local functions stay).</summary>
        private static BlockSyntax WithoutUnreachable(BlockSyntax block, int start, List<StatementSyntax> kept)
        {
            if (kept.Count == 0 || !IsJump(kept[kept.Count - 1])) return block;
            var index = start + kept.Count - 1;
            var result = block.Statements.Take(index + 1).Concat(block.Statements.Skip(index + 1).Where(s => s is LocalFunctionStatementSyntax));
            return block.WithStatements(SyntaxFactory.List(result));
        }

        private static bool IsJump(StatementSyntax statement) =>
            statement is ReturnStatementSyntax || statement is ThrowStatementSyntax || statement is ContinueStatementSyntax || statement is BreakStatementSyntax;

        private static bool IsLoop(SyntaxNode node) =>
            node is ForStatementSyntax || node is ForEachStatementSyntax || node is WhileStatementSyntax || node is DoStatementSyntax || node is ForEachVariableStatementSyntax;

        private static List<StatementSyntax> Unwrap(BlockSyntax block)
        {
            var statements = block.Statements.ToList();
            // Comments before the closing brace belong to the kept code.
            var closing = block.CloseBraceToken.LeadingTrivia;
            if (statements.Count > 0 && closing.Any(IsComment))
            {
                var end = statements.Count - 1;
                statements[end] = statements[end].WithTrailingTrivia(statements[end].GetTrailingTrivia().AddRange(closing));
            }
            return statements;
        }

        /// <summary>True when a local or local function the block declares has the name of one declared elsewhere in the member.</summary>
        private static bool ClashesOutside(BlockSyntax block, StatementSyntax replaced)
        {
            var declared = new HashSet<string>(block.Statements.SelectMany(DeclaredNames));
            if (declared.Count == 0) return false;
            var member = replaced.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax || a is CompilationUnitSyntax) ?? replaced;
            return member.DescendantNodes().Where(n => !n.Ancestors().Contains(block)).Any(n =>
                n is VariableDeclaratorSyntax v && declared.Contains(v.Identifier.ValueText) ||
                n is SingleVariableDesignationSyntax d && declared.Contains(d.Identifier.ValueText) ||
                n is LocalFunctionStatementSyntax f && declared.Contains(f.Identifier.ValueText) ||
                n is ForEachStatementSyntax e && declared.Contains(e.Identifier.ValueText) ||
                n is ParameterSyntax p && declared.Contains(p.Identifier.ValueText) && n.Parent?.Parent is AnonymousFunctionExpressionSyntax);
        }

        private static IEnumerable<string> DeclaredNames(StatementSyntax statement)
        {
            switch (statement)
            {
                case LocalDeclarationStatementSyntax local:
                    return local.Declaration.Variables.Select(v => v.Identifier.ValueText);
                case LocalFunctionStatementSyntax function:
                    return new[] { function.Identifier.ValueText };
                default:
                    // Pattern and out variables at statement level leak into the enclosing block too.
                    return statement.DescendantNodes(n => !(n is BlockSyntax) && !(n is AnonymousFunctionExpressionSyntax))
                        .OfType<SingleVariableDesignationSyntax>().Select(d => d.Identifier.ValueText);
            }
        }

        private static bool IsComment(SyntaxTrivia trivia) =>
            trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia) ||
            trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia);
    }
}
