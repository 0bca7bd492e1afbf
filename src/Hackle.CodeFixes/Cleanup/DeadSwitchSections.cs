using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// A switch on a value that is one of several keys (an experiment with a dropped variation no decision returns):
    /// the labels and arms that match none of them go, the rest of the switch stays as written. A label is removed only
    /// when its pattern is decided false for every possible key; anything the clean-up cannot decide stays.
    /// </summary>
    internal static class DeadSwitchSections
    {
        public static SyntaxNode Remove(SyntaxNode root, SemanticModel model, SwitchStatementSyntax switchStatement, KnownValue known, CancellationToken ct)
        {
            // `goto case` could name a removed label.
            if (switchStatement.DescendantNodes().OfType<GotoStatementSyntax>().Any(g => g.IsKind(SyntaxKind.GotoCaseStatement)))
            {
                return DeadBranchFolder.Abandon(root, switchStatement.Expression);
            }
            var sections = new List<SwitchSectionSyntax>();
            var changed = false;
            foreach (var section in switchStatement.Sections)
            {
                var labels = section.Labels.Where(label => !NeverMatches(label, model, known, ct)).ToList();
                if (labels.Count == section.Labels.Count)
                {
                    sections.Add(section);
                    continue;
                }
                changed = true;
                if (labels.Count == 0) continue;
                // The first label carries the section's indentation and comments.
                if (section.Labels[0] != labels[0]) labels[0] = labels[0].WithLeadingTrivia(section.Labels[0].GetLeadingTrivia());
                sections.Add(section.WithLabels(SyntaxFactory.List(labels)).WithAdditionalAnnotations(Formatter.Annotation));
            }
            if (!changed) return DeadBranchFolder.Abandon(root, switchStatement.Expression);
            var cleaned = switchStatement.WithSections(SyntaxFactory.List(sections));
            return root.ReplaceNode(switchStatement, cleaned.WithExpression(Settled(cleaned.Expression)));
        }

        /// <summary>Arms whose pattern matches none of the keys go, when a catch-all arm keeps the switch exhaustive.</summary>
        public static SyntaxNode Remove(SyntaxNode root, SemanticModel model, SwitchExpressionSyntax switchExpression, KnownValue known, CancellationToken ct)
        {
            var hasCatchAll = switchExpression.Arms.Any(a => a.WhenClause is null && (a.Pattern is DiscardPatternSyntax || a.Pattern is VarPatternSyntax { Designation: DiscardDesignationSyntax _ }));
            var kept = new List<SwitchExpressionArmSyntax>();
            foreach (var arm in switchExpression.Arms)
            {
                if (hasCatchAll && ConstantEvaluator.Matches(arm.Pattern, model, known, ct) == false) continue;
                kept.Add(arm);
            }
            if (kept.Count == switchExpression.Arms.Count) return DeadBranchFolder.Abandon(root, switchExpression.GoverningExpression);
            // The separators of the kept arms: each keeps the comma that followed it, the last keeps its own trailing one.
            var separators = new List<SyntaxToken>();
            for (var i = 0; i < kept.Count - 1; i++) separators.Add(Separator(switchExpression, kept[i]));
            if (switchExpression.Arms.SeparatorCount == switchExpression.Arms.Count) separators.Add(Separator(switchExpression, kept[kept.Count - 1]));
            var cleaned = switchExpression.WithArms(SyntaxFactory.SeparatedList(kept, separators)).WithAdditionalAnnotations(Formatter.Annotation);
            return root.ReplaceNode(switchExpression, cleaned.WithGoverningExpression(Settled(cleaned.GoverningExpression)));
        }

        private static SyntaxToken Separator(SwitchExpressionSyntax switchExpression, SwitchExpressionArmSyntax arm)
        {
            var index = switchExpression.Arms.IndexOf(arm);
            return index < switchExpression.Arms.SeparatorCount ? switchExpression.Arms.GetSeparator(index) : SyntaxFactory.Token(SyntaxKind.CommaToken);
        }

        /// <summary>The governing expression without the known-value annotation: this switch is done, and the decision stays.</summary>
        private static ExpressionSyntax Settled(ExpressionSyntax governing) =>
            governing.ReplaceNodes(governing.DescendantNodesAndSelf().Where(n => n.HasAnnotations(KnownValue.AnnotationKind)),
                (_, n) => n.WithoutAnnotations(KnownValue.AnnotationKind));

        private static bool NeverMatches(SwitchLabelSyntax label, SemanticModel model, KnownValue known, CancellationToken ct)
        {
            switch (label)
            {
                case CaseSwitchLabelSyntax caseLabel:
                    var key = ConstantEvaluator.VariationKey(caseLabel.Value, model, known, ct);
                    return key != null && known.Matches(key) == false;
                case CasePatternSwitchLabelSyntax patternLabel:
                    // A `when` clause only narrows: a pattern that never matches still never does.
                    return ConstantEvaluator.Matches(patternLabel.Pattern, model, known, ct) == false;
                default:
                    return false;
            }
        }
    }
}
