using System;
using System.Collections.Immutable;
using Hackle.Analyzers.Cleanup;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>
    /// HKA109: with <c>HackleFlags_FinishedItems=diagnostic</c> the generator leaves finished items without
    /// <c>[Obsolete]</c> (so that finishing an experiment cannot break a TreatWarningsAsErrors build); this rule
    /// points at each use instead, as an info diagnostic, where CS0618 would have. It is silent in the default
    /// mode, where CS0618 already does the job.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FinishedItemAnalyzer : DiagnosticAnalyzer
    {
        private const string FinishedItemsOption = "build_property.HackleFlags_FinishedItems";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.FinishedItemUsed);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterWhenRuntimeReferenced((start, _) =>
            {
                var global = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
                if (!global.TryGetValue(FinishedItemsOption, out var mode) ||
                    !string.Equals(mode.Trim(), "diagnostic", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }
                var manifest = ManifestProvider.Find(start.Options, start.CancellationToken);
                if (manifest is null) return;
                var finished = FinishedItems.Create(manifest, GeneratedAccessors.Find(start.Compilation, global));
                if (finished.IsEmpty) return;
                start.RegisterOperationAction(c => Analyze(c, finished), OperationKind.Invocation, OperationKind.FieldReference);
            });
        }

        private static void Analyze(OperationAnalysisContext context, FinishedItems finished)
        {
            string[]? what = null;
            switch (context.Operation)
            {
                case IInvocationOperation invocation:
                    // The accessors are inherited: Experiments.X.Variation(user) calls ExperimentAccessor<X.Variant>.Variation.
                    foreach (var argument in invocation.TargetMethod.ContainingType.TypeArguments)
                    {
                        what = Describe(finished.Item(argument));
                        if (what != null) break;
                    }
                    break;
                case IFieldReferenceOperation field:
                    what = finished.Dropped(field.Field) is { } dropped
                        ? new[] { "Variation " + dropped.Key + " of experiment", dropped.Experiment, "DROPPED (users allocated to it get " + dropped.Control + ")" }
                        : Describe(finished.Item(field.Field));
                    break;
            }
            if (what is null) return;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FinishedItemUsed, context.Operation.Syntax.GetLocation(), what[0], what[1], what[2]));
        }

        private static string[]? Describe(FinishedOutcome? item) => item is { } outcome ? new[] { outcome.Kind, outcome.Display, outcome.StatusName } : null;
    }
}
