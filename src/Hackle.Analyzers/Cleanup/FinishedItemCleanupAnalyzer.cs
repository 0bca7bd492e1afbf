using System.Collections.Immutable;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.FlagKeys;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Cleanup
{
    /// <summary>
    /// HKA110: a decision of a finished item (a COMPLETED experiment, a PAUSED or COMPLETED feature flag, a remote-config
    /// parameter without target rules), through a typed accessor or a raw call with a manifest key, and each use of a
    /// dropped variation that no decision can return any more. Unlike HKA109 it reports in every
    /// <c>HackleFlags_FinishedItems</c> mode, because what it offers is the rewrite, not the reminder: its properties
    /// carry the value every user now gets (or the values a decision can still return), which the clean-up code fix
    /// folds into the code. Which items are finished is <see cref="FinishedItems"/>'s call, shared with HKA109.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FinishedItemCleanupAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// <c>inline</c> lets the fix write a fixed parameter's value into the code. Off by default: a parameter without
        /// target rules is remote config's normal state, and its default can still be changed in the dashboard without a
        /// deploy, which inlining would end; so by default its reads are reported without a fix.
        /// </summary>
        private const string FixedParametersOption = "build_property.HackleFlags_FixedParameters";

        private const string ParameterNotInlined = "no automatic fix by default: the default can still be changed in the dashboard; " +
                                                   "set HackleFlags_FixedParameters=inline to let the fix write the value";
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.FinishedItemCleanup);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterWhenRuntimeReferenced((start, types) =>
            {
                var manifest = ManifestProvider.Find(start.Options, start.CancellationToken);
                if (manifest is null) return;
                var finished = FinishedItems.Create(manifest, GeneratedAccessors.Find(start.Compilation, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions));
                if (finished.IsEmpty) return;
                var inlineParameters = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(FixedParametersOption, out var mode) &&
                                       string.Equals(mode.Trim(), "inline", System.StringComparison.OrdinalIgnoreCase);
                start.RegisterOperationAction(c => AnalyzeDecision(c, types, finished, inlineParameters), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeDroppedVariation(c, finished), OperationKind.FieldReference);
                start.RegisterOperationAction(c => AnalyzeDroppedKey(c, types, finished), OperationKind.Literal);
            });
        }

        private static void AnalyzeDecision(OperationAnalysisContext context, KnownTypes types, FinishedItems finished, bool inlineParameters)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!(finished.Decision(invocation, types) is { } use)) return;
            var outcome = use.Outcome;
            var notFixable = use.NotFixable ?? (outcome.Shape != null && !inlineParameters ? ParameterNotInlined : null);
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(CleanupProperties.FinalValue, outcome.FinalValue)
                .Add(CleanupProperties.Shape, use.Shape);
            properties = properties.Add(CleanupProperties.FixTitle, outcome.Shape == null
                ? "Keep " + outcome.FinalValueText + " and remove the finished item's other code"
                : "Use " + outcome.FinalValueText + ", the parameter's fixed value");
            if (use.VariantKeys != null) properties = properties.Add(CleanupProperties.VariantKeys, use.VariantKeys);
            if (notFixable != null) properties = properties.Add(CleanupProperties.NotFixable, notFixable);
            var advice = notFixable ?? (outcome.Shape == null
                ? "keep that path and delete the rest (code fix: 'Keep " + outcome.FinalValueText + "')"
                : "use the value itself (code fix: 'Use " + outcome.FinalValueText + "')");
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FinishedItemCleanup, invocation.Syntax.GetLocation(), properties,
                outcome.Kind, outcome.Display, outcome.Status, outcome.FinalValueText, advice));
        }

        /// <summary>A Variant member of a dropped variation that no decision returns: each use is a dead arm or branch.</summary>
        private static void AnalyzeDroppedVariation(OperationAnalysisContext context, FinishedItems finished)
        {
            var reference = (IFieldReferenceOperation)context.Operation;
            if (!(finished.Dropped(reference.Field) is { } dropped) || dropped.IsOverrideTarget) return;
            ReportDropped(context, reference, dropped, CleanupShapes.Enum);
        }

        /// <summary>A variation key string compared with a raw decision (<c>client.Variation(42, user) == "C"</c>) that no decision returns.</summary>
        private static void AnalyzeDroppedKey(OperationAnalysisContext context, KnownTypes types, FinishedItems finished)
        {
            var literal = (ILiteralOperation)context.Operation;
            if (finished.DroppedKey(literal, types) is { } dropped) ReportDropped(context, literal, dropped, CleanupShapes.String);
        }

        private static void ReportDropped(OperationAnalysisContext context, IOperation use, DroppedVariation dropped, string shape)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(CleanupProperties.FinalValue, dropped.Key)
                .Add(CleanupProperties.Shape, shape)
                .Add(CleanupProperties.VariantKeys, dropped.VariantKeys)
                .Add(CleanupProperties.PossibleKeys, dropped.PossibleKeys)
                .Add(CleanupProperties.ExperimentKey, dropped.ExperimentKey.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Add(CleanupProperties.FixTitle, "Remove the code of dropped variation " + dropped.Key);
            var others = string.Join(" or ", dropped.PossibleKeys.ToCharArray());
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FinishedItemCleanup, use.Syntax.GetLocation(), properties,
                "Variation " + dropped.Key + " of experiment", dropped.Experiment, "DROPPED (users allocated to it get " + dropped.Control + ")", others,
                "no decision returns " + dropped.Key + ", so its arm or branch is dead (code fix: 'Remove " + dropped.Key + "')"));
        }
    }
}
