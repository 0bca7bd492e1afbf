using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Operations;
using Hackle.Generators.Manifest;
using Hackle.Manifest;
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
                var finished = Index(manifest, GeneratedAccessors.Find(start.Compilation, global));
                if (finished.Count == 0) return;
                start.RegisterOperationAction(c => Analyze(c, finished), OperationKind.Invocation, OperationKind.FieldReference);
            });
        }

        /// <summary>The finished items' generated symbols (accessor classes, dropped enum members) with what to say about them.</summary>
        private static Dictionary<ISymbol, string[]> Index(ManifestModel manifest, GeneratedAccessors accessors)
        {
            var finished = new Dictionary<ISymbol, string[]>(SymbolEqualityComparer.Default);
            foreach (var experiment in manifest.Experiments)
            {
                if (!accessors.Experiments.TryGetValue(experiment.Key, out var accessor)) continue;
                if (experiment.Status == ItemStatus.Completed)
                {
                    var outcome = experiment.WinnerVariationKey != null ? "COMPLETED with winner " + experiment.WinnerVariationKey : "COMPLETED without a winner";
                    finished[accessor] = new[] { "Experiment", experiment.Display, outcome };
                    continue;
                }
                var control = experiment.Variations.Count > 0 ? experiment.Variations[0].Key : "A";
                foreach (var variation in experiment.Variations)
                {
                    if (variation.Key == "A") control = "A";
                }
                var variant = accessor.GetTypeMembers("Variant");
                if (variant.IsEmpty) continue;
                var order = VariationOrder(variant[0]);
                foreach (var variation in experiment.Variations)
                {
                    if (!variation.IsDropped || variation.Key == control) continue;
                    var index = order.IndexOf(variation.Key, StringComparison.Ordinal);
                    foreach (var member in variant[0].GetMembers())
                    {
                        if (member is IFieldSymbol field && field.HasConstantValue && field.ConstantValue is int value && value == index)
                        {
                            finished[field] = new[] { "Variation " + variation.Key + " of experiment", experiment.Display, "DROPPED (users allocated to it get " + control + ")" };
                        }
                    }
                }
            }
            foreach (var feature in manifest.FeatureFlags)
            {
                if (feature.Status != ItemStatus.Paused && feature.Status != ItemStatus.Completed) continue;
                if (!accessors.Features.TryGetValue(feature.Key, out var accessor)) continue;
                finished[accessor] = new[] { "Feature flag", feature.Display, feature.Status.ToDisplayName() };
            }
            return finished;
        }

        /// <summary>The variation keys in the enum's member order (member i has value i), from the enum's
        /// [HackleExperiment(key, "ABC")] attribute; empty when it is missing.</summary>
        private static string VariationOrder(INamedTypeSymbol variant)
        {
            foreach (var attribute in variant.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "HackleExperimentAttribute" && attribute.ConstructorArguments.Length == 2 &&
                    attribute.ConstructorArguments[1].Value is string keys)
                {
                    return keys;
                }
            }
            return "";
        }

        private static void Analyze(OperationAnalysisContext context, Dictionary<ISymbol, string[]> finished)
        {
            ISymbol? used = null;
            switch (context.Operation)
            {
                case IInvocationOperation invocation:
                    // The accessors are inherited: Experiments.X.Variation(user) calls ExperimentAccessor<X.Variant>.Variation.
                    foreach (var argument in invocation.TargetMethod.ContainingType.TypeArguments)
                    {
                        used = Finished(argument, finished) ?? Finished(argument.ContainingType, finished);
                        if (used != null) break;
                    }
                    break;
                case IFieldReferenceOperation field:
                    used = Finished(field.Field, finished) ?? Finished(field.Field.ContainingType, finished) ??
                           Finished(field.Field.ContainingType?.ContainingType, finished);
                    break;
            }
            if (used is null) return;
            var what = finished[used];
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FinishedItemUsed, context.Operation.Syntax.GetLocation(), what[0], what[1], what[2]));
        }

        private static ISymbol? Finished(ISymbol? symbol, Dictionary<ISymbol, string[]> finished) =>
            symbol != null && finished.ContainsKey(symbol) ? symbol : null;
    }
}
