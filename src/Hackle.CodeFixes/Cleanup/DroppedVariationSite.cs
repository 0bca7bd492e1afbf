using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// Where a use of a dropped variation (a Variant member, or for the raw API its key as a string constant, in a case
    /// label, an arm, a pattern or a comparison) meets the decision it is compared with. That decision is folded with the
    /// keys it can still return. It must be the experiment's own <c>Variation</c> call (typed, or raw with the
    /// experiment's constant key), as the governing expression of a switch (which stays, so the decision and its exposure
    /// event stay), or a local that call initialised and nothing writes again. A comparison made directly on
    /// the call would fold the call away with the branch, and a running experiment still needs its decision: no fix.
    /// </summary>
    internal static class DroppedVariationSite
    {
        public static ExpressionSyntax? Governing(SyntaxNode use, SemanticModel model, long experimentKey, CancellationToken ct)
        {
            if (!(use is ExpressionSyntax variation)) return null;
            // A Variant member for the typed accessor, a string constant for the raw call.
            var variant = model.GetSymbolInfo(variation, ct).Symbol is IFieldSymbol { ContainingType: { TypeKind: TypeKind.Enum } type } ? type : null;
            if (variant is null && !(model.GetConstantValue(variation, ct).Value is string)) return null;
            System.Func<InvocationExpressionSyntax, bool> isDecision = variant != null
                ? call => IsDecisionOf(call, variant, model, ct)
                : call => IsRawDecisionOf(call, experimentKey, model, ct);
            SyntaxNode node = variation;
            while (node.Parent is ParenthesizedExpressionSyntax) node = node.Parent;
            ExpressionSyntax? governing;
            var isSwitch = false;
            switch (node.Parent)
            {
                case CaseSwitchLabelSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax switchStatement } }:
                    governing = switchStatement.Expression;
                    isSwitch = true;
                    break;
                case ConstantPatternSyntax constant:
                    SyntaxNode pattern = constant;
                    while (pattern.Parent is PatternSyntax) pattern = pattern.Parent;
                    switch (pattern.Parent)
                    {
                        case CasePatternSwitchLabelSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax patternSwitch } }:
                            governing = patternSwitch.Expression;
                            isSwitch = true;
                            break;
                        case SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax switchExpression }:
                            governing = switchExpression.GoverningExpression;
                            isSwitch = true;
                            break;
                        case IsPatternExpressionSyntax isPattern:
                            governing = isPattern.Expression;
                            break;
                        default:
                            return null;
                    }
                    break;
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    governing = binary.Left == node ? binary.Right : binary.Left;
                    break;
                case BinaryExpressionSyntax isType when isType.IsKind(SyntaxKind.IsExpression) && isType.Right == node:
                    governing = isType.Left;
                    break;
                default:
                    return null;
            }
            while (governing is ParenthesizedExpressionSyntax parenthesized) governing = parenthesized.Expression;

            switch (governing)
            {
                case InvocationExpressionSyntax call when isSwitch && isDecision(call):
                    return call;
                case IdentifierNameSyntax name when model.GetSymbolInfo(name, ct).Symbol is ILocalSymbol local && IsDecisionLocal(local, isDecision, model, ct):
                    return name;
                default:
                    return null;
            }
        }

        /// <summary><c>Experiments.X.Variation(…)</c> of the experiment whose Variant <paramref name="variant"/> is.</summary>
        private static bool IsDecisionOf(InvocationExpressionSyntax call, INamedTypeSymbol variant, SemanticModel model, CancellationToken ct) =>
            model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol { Name: "Variation" } method &&
            method.ContainingType.OriginalDefinition.Name == "ExperimentAccessor" &&
            method.ContainingType.TypeArguments.Length == 1 &&
            SymbolEqualityComparer.Default.Equals(method.ContainingType.TypeArguments[0], variant);

        /// <summary><c>client.Variation(key, …)</c> with the experiment's key as a constant.</summary>
        private static bool IsRawDecisionOf(InvocationExpressionSyntax call, long experimentKey, SemanticModel model, CancellationToken ct)
        {
            if (!(model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol { Name: "Variation" } method) || method.ContainingType?.Name != "HackleClientExtensions") return false;
            foreach (var argument in call.ArgumentList.Arguments)
            {
                var parameter = argument.NameColon?.Name.Identifier.ValueText;
                if (parameter != null ? parameter != "experimentKey" : call.ArgumentList.Arguments.IndexOf(argument) != 0) continue;
                var constant = model.GetConstantValue(argument.Expression, ct);
                return constant.HasValue && (constant.Value is long l && l == experimentKey || constant.Value is int i && i == experimentKey);
            }
            return false;
        }

        /// <summary>A local initialised with the experiment's decision and never written again.</summary>
        private static bool IsDecisionLocal(ILocalSymbol local, System.Func<InvocationExpressionSyntax, bool> isDecision, SemanticModel model, CancellationToken ct)
        {
            if (local.DeclaringSyntaxReferences.Length != 1 || !(local.DeclaringSyntaxReferences[0].GetSyntax(ct) is VariableDeclaratorSyntax declarator)) return false;
            var initializer = declarator.Initializer?.Value;
            while (initializer is ParenthesizedExpressionSyntax parenthesized) initializer = parenthesized.Expression;
            if (!(initializer is InvocationExpressionSyntax call) || !isDecision(call)) return false;
            var scope = declarator.Ancestors().FirstOrDefault(a => a is BlockSyntax || a is SwitchSectionSyntax || a is CompilationUnitSyntax);
            if (scope is null) return false;
            return !scope.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == local.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, ct).Symbol, local) && DeadBranchFolder.IsWritten(n));
        }
    }
}
