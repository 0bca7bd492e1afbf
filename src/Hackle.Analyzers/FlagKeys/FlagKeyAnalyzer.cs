using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Operations;
using Hackle.Generators.Manifest;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>
    /// The flag-key rules, checked against hackle.flags.json: HKA106 (a literal key that has a generated
    /// accessor), HKA107 (a constant key the manifest does not contain) and HKA108 (a variation key,
    /// compared with or passed as the default, that the experiment does not have).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FlagKeyAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.UseGeneratedAccessor,
            DiagnosticDescriptors.UnknownFlagKey,
            DiagnosticDescriptors.UnknownVariation);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterWhenRuntimeReferenced((start, types) =>
            {
                // The manifest is read and indexed at the first raw call with a constant key, not here: most
                // files (and many projects) have none, and a large manifest costs hundreds of milliseconds.
                var compilation = start.Compilation;
                var options = start.Options;
                var cancellationToken = start.CancellationToken;
                var flags = new Lazy<ManifestIndex?>(() =>
                {
                    var manifest = ManifestProvider.Find(options, cancellationToken);
                    return manifest is null ? null : new ManifestIndex(manifest, GeneratedAccessors.Find(
                        compilation, options.AnalyzerConfigOptionsProvider.GlobalOptions));
                }, LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, types, flags), OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types, Lazy<ManifestIndex?> lazyFlags)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var call = RawCall.Recognise(invocation, types);
            if (call is null) return;
            var keyArgument = call.Value.Key;
            var keyValue = keyArgument.Value.SkipConversionsDown();
            if (!keyValue.ConstantValue.HasValue || !(keyValue.ConstantValue.Value is long || keyValue.ConstantValue.Value is int)) return;
            var flags = lazyFlags.Value;
            if (flags is null) return;
            var key = System.Convert.ToInt64(keyValue.ConstantValue.Value, CultureInfo.InvariantCulture);
            var keyText = key.ToString(CultureInfo.InvariantCulture);
            var kindLabel = call.Value.IsExperiment ? "Experiment" : "Feature flag";

            if (!flags.TryGetName(call.Value.IsExperiment, key, out var name))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnknownFlagKey, keyArgument.Value.Syntax.GetLocation(), kindLabel, keyText, flags.FileName));
                return;
            }

            if (call.Value.IsExperiment && flags.Experiments.TryGetValue(key, out var experiment))
            {
                CheckVariations(context, experiment, call.Value);
            }

            if (keyValue is ILiteralOperation && !flags.IsFinished(call.Value.IsExperiment, key) && flags.Accessor(call.Value.IsExperiment, key) is { } accessor)
            {
                var method = call.Value.IsExperiment ? "Variation" : "IsOn";
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticProperties.AccessorType, accessor.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                    .Add(DiagnosticProperties.AccessorMethod, method);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UseGeneratedAccessor, invocation.Syntax.GetLocation(), properties,
                    kindLabel, keyText, name, accessor.ContainingType.Name + "." + accessor.Name + "." + method));
            }
        }

        private static void CheckVariations(OperationAnalysisContext context, ExperimentModel experiment, RawCall call)
        {
            var known = experiment.Variations.Select(v => v.Key).ToArray();
            var candidates = new List<ComparedConstant>();
            if (call.DefaultVariation is { ArgumentKind: ArgumentKind.Explicit } explicitDefault)
            {
                candidates.Add(new ComparedConstant(explicitDefault.Value.SkipConversionsDown(), ignoresCase: false));
            }
            if (call.VariationValue is { } variation) candidates.AddRange(VariationComparisons.ComparedConstants(variation));
            if (call.DecisionValue is { } decision) candidates.AddRange(VariationComparisons.ComparedConstantsOfDecision(decision));

            foreach (var candidate in candidates)
            {
                var constant = candidate.Constant;
                if (!(constant.ConstantValue.Value is string compared)) continue;
                if (known.Contains(candidate.IgnoresCase ? compared.ToUpperInvariant() : compared)) continue;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnknownVariation,
                    constant.Syntax.GetLocation(),
                    experiment.Key.ToString(CultureInfo.InvariantCulture),
                    experiment.Name ?? "unnamed",
                    compared,
                    string.Join(", ", known)));
            }
        }
    }
}
