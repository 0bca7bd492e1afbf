using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.FlagKeys;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Cleanup
{
    /// <summary>
    /// HKA110: a decision of a finished item (a COMPLETED experiment, a PAUSED or COMPLETED feature flag), through a
    /// typed accessor or a raw call with a manifest key. Unlike HKA109 it reports in every
    /// <c>HackleFlags_FinishedItems</c> mode, because what it offers is the rewrite, not the reminder: its properties
    /// carry the value every user now gets, which the clean-up code fix folds into the code.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class FinishedItemCleanupAnalyzer : DiagnosticAnalyzer
    {
        private const string DetailReason = "no automatic fix: the decision's reason and config have no fixed value, so replace this use by hand";

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
                var experiments = new Dictionary<long, FinishedOutcome>();
                var features = new Dictionary<long, FinishedOutcome>();
                foreach (var experiment in manifest.Experiments)
                {
                    if (FinishedOutcome.Of(experiment) is { } outcome) experiments[experiment.Key] = outcome;
                }
                foreach (var feature in manifest.FeatureFlags)
                {
                    if (FinishedOutcome.Of(feature) is { } outcome) features[feature.Key] = outcome;
                }
                if (experiments.Count == 0 && features.Count == 0) return;
                start.RegisterOperationAction(c => Analyze(c, types, experiments, features), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownTypes types, Dictionary<long, FinishedOutcome> experiments, Dictionary<long, FinishedOutcome> features)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!types.IsInRuntime(invocation.TargetMethod)) return;
            var found = Typed(invocation, experiments, features) ?? Raw(invocation, types, experiments, features);
            if (found is null) return;
            var (outcome, shape, keys, notFixable) = found.Value;

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(CleanupProperties.FinalValue, outcome.FinalValue)
                .Add(CleanupProperties.Shape, shape);
            if (keys != null) properties = properties.Add(CleanupProperties.VariantKeys, keys);
            if (notFixable != null) properties = properties.Add(CleanupProperties.NotFixable, notFixable);
            var advice = notFixable ?? "keep that path and delete the rest (code fix: 'Keep " + outcome.FinalValueText + "')";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.FinishedItemCleanup, invocation.Syntax.GetLocation(), properties,
                outcome.Kind, outcome.Display, outcome.Status, outcome.FinalValueText, advice));
        }

        /// <summary>Experiments.X.Variation / VariationDetail (ExperimentAccessor&lt;X.Variant&gt;) and Features.X.IsOn / Detail (FeatureAccessor&lt;X&gt;).</summary>
        private static (FinishedOutcome, string, string?, string?)? Typed(IInvocationOperation invocation, Dictionary<long, FinishedOutcome> experiments, Dictionary<long, FinishedOutcome> features)
        {
            var accessor = invocation.TargetMethod.ContainingType;
            if (accessor.TypeArguments.Length != 1 || !(accessor.TypeArguments[0] is INamedTypeSymbol argument)) return null;
            var isDetail = invocation.TargetMethod.Name == "VariationDetail" || invocation.TargetMethod.Name == "Detail";
            switch (accessor.OriginalDefinition.Name)
            {
                case "ExperimentAccessor" when invocation.TargetMethod.Name == "Variation" || isDetail:
                    if (!(Attribute(argument, "HackleExperimentAttribute") is { } experiment) || experiment.ConstructorArguments.Length != 2) return null;
                    if (!(Key(experiment) is { } experimentKey) || !experiments.TryGetValue(experimentKey, out var experimentOutcome)) return null;
                    var keys = experiment.ConstructorArguments[1].Value as string ?? "";
                    // A winner the enum does not have (a renamed or mapped variation) cannot be written as a member.
                    var notFixable = isDetail ? DetailReason
                        : keys.IndexOf(experimentOutcome.FinalValue, StringComparison.Ordinal) < 0 ? "no automatic fix: the Variant enum has no member for " + experimentOutcome.FinalValue
                        : null;
                    return (experimentOutcome, CleanupShapes.Enum, keys, notFixable);
                case "FeatureAccessor" when invocation.TargetMethod.Name == "IsOn" || isDetail:
                    if (!(Attribute(argument, "HackleFeatureAttribute") is { } feature) || feature.ConstructorArguments.Length < 1) return null;
                    if (!(Key(feature) is { } featureKey) || !features.TryGetValue(featureKey, out var featureOutcome)) return null;
                    return (featureOutcome, CleanupShapes.Boolean, null, isDetail ? DetailReason : null);
                default:
                    return null;
            }
        }

        /// <summary>client.Variation(43, user), IsFeatureOn, VariationDetail and FeatureFlagDetail with a constant manifest key.</summary>
        private static (FinishedOutcome, string, string?, string?)? Raw(IInvocationOperation invocation, KnownTypes types, Dictionary<long, FinishedOutcome> experiments, Dictionary<long, FinishedOutcome> features)
        {
            if (!(RawCall.Recognise(invocation, types) is { } call)) return null;
            var keyValue = call.Key.Value.SkipConversionsDown();
            if (!keyValue.ConstantValue.HasValue || !(keyValue.ConstantValue.Value is long || keyValue.ConstantValue.Value is int)) return null;
            var key = Convert.ToInt64(keyValue.ConstantValue.Value, CultureInfo.InvariantCulture);
            var isDetail = invocation.TargetMethod.Name == "VariationDetail" || invocation.TargetMethod.Name == "FeatureFlagDetail";
            if (call.IsExperiment)
            {
                return experiments.TryGetValue(key, out var outcome) ? (outcome, CleanupShapes.String, null, isDetail ? DetailReason : null) : null;
            }
            return features.TryGetValue(key, out var feature) ? (feature, CleanupShapes.Boolean, null, isDetail ? DetailReason : null) : ((FinishedOutcome, string, string?, string?)?)null;
        }

        private static AttributeData? Attribute(INamedTypeSymbol type, string name)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == name && attribute.AttributeClass.ContainingNamespace?.ToDisplayString() == "Hackle.Accessors") return attribute;
            }
            return null;
        }

        private static long? Key(AttributeData attribute) =>
            attribute.ConstructorArguments[0].Value is long key ? key : attribute.ConstructorArguments[0].Value is int small ? small : (long?)null;
    }
}
