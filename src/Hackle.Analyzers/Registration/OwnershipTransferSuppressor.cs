using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Registration
{
    /// <summary>
    /// Suppresses CA2000 and IDISP001 on a Hackle client whose ownership passes to AddHackle: passed as an
    /// argument (directly or through a local), or returned from a factory lambda given to it. The host then
    /// owns and disposes the client, so "dispose before losing scope" is wrong advice there.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OwnershipTransferSuppressor : DiagnosticSuppressor
    {
        /// <inheritdoc />
        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.SuppressCa2000, DiagnosticDescriptors.SuppressIdisp001);

        /// <inheritdoc />
        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            var types = KnownTypes.Get(context.Compilation);
            if (!types.IsRuntimeReferenced) return;
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                var descriptor = diagnostic.Id == "CA2000" ? DiagnosticDescriptors.SuppressCa2000
                    : diagnostic.Id == "IDISP001" ? DiagnosticDescriptors.SuppressIdisp001
                    : null;
                var tree = diagnostic.Location.SourceTree;
                if (descriptor is null || tree is null) continue;
                var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (PassesToHackle(node, context.GetSemanticModel(tree), types, context.CancellationToken))
                {
                    context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
                }
            }
        }

        private static bool PassesToHackle(SyntaxNode node, SemanticModel model, KnownTypes types, CancellationToken cancellationToken)
        {
            // IDisposableAnalyzers 4 reports IDISP001 on the whole declaration ('var c = Create()', without
            // the semicolon); one that declares several variables is ambiguous and is left alone.
            if (node is LocalDeclarationStatementSyntax statement) node = statement.Declaration;
            if (node is VariableDeclarationSyntax { Variables: { Count: 1 } variables }) node = variables[0];
            foreach (var candidate in node.AncestorsAndSelf())
            {
                if (candidate is StatementSyntax || candidate is MemberDeclarationSyntax) return false;
                if (candidate is VariableDeclaratorSyntax declarator)
                {
                    return model.GetOperation(declarator, cancellationToken) is IVariableDeclaratorOperation operation
                        && types.IsClientType(operation.Symbol.Type)
                        && LocalReachesHackle(operation.Symbol, operation.Root());
                }
                var creation = model.GetOperation(candidate, cancellationToken);
                if (creation != null && ClientCreation.IsCreation(creation, types)) return CreationReachesHackle(creation);
            }
            return false;
        }

        private static bool CreationReachesHackle(IOperation creation)
        {
            var top = creation.SkipConversionsUp();
            switch (top.Parent)
            {
                case IArgumentOperation argument:
                    return IsHackleArgument(argument);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return LocalReachesHackle(declarator.Symbol, creation.Root());
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == top:
                    return LocalReachesHackle(local.Local, creation.Root());
                case IReturnOperation _:
                    return creation.Parent != null && ReturnedToHackle(top);
                default:
                    return false;
            }
        }

        private static bool LocalReachesHackle(ILocalSymbol local, IOperation root) =>
            root.Descendants().OfType<ILocalReferenceOperation>().Any(r =>
                SymbolEqualityComparer.Default.Equals(r.Local, local)
                && r.SkipConversionsUp().Parent is IArgumentOperation argument
                && IsHackleArgument(argument));

        /// <summary>True when the lambda that returns <paramref name="value"/> is itself an argument of AddHackle.</summary>
        private static bool ReturnedToHackle(IOperation value)
        {
            for (var current = value.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda)
                {
                    return lambda.SkipConversionsUp().Parent is IDelegateCreationOperation delegateCreation
                        && delegateCreation.SkipConversionsUp().Parent is IArgumentOperation argument
                        && IsHackleArgument(argument);
                }
            }
            return false;
        }

        private static bool IsHackleArgument(IArgumentOperation argument) =>
            argument.Parent is IInvocationOperation invocation && ServiceRegistrations.IsHackleRegistration(invocation.TargetMethod);
    }
}
