using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Hackle.Analyzers.FlagKeys;
using Hackle.Analyzers.Operations;
using Hackle.Generators.Manifest;
using Hackle.Manifest;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Cleanup
{
    /// <summary>
    /// The one place that knows which of the manifest's items are finished and where code uses them: completed
    /// experiments, paused or completed flags, dropped variations and remote-config parameters whose value is fixed,
    /// mapped to the generated accessors (and the raw API's keys) that decide them. HKA109 and HKA110 both ask it.
    /// </summary>
    internal sealed class FinishedItems
    {
        private const string DetailReason = "no automatic fix: the decision's reason and config have no fixed value, so replace this use by hand";

        private readonly Dictionary<long, FinishedOutcome> _experiments = new Dictionary<long, FinishedOutcome>();
        private readonly Dictionary<long, FinishedOutcome> _features = new Dictionary<long, FinishedOutcome>();
        private readonly Dictionary<string, FinishedOutcome> _parameters = new Dictionary<string, FinishedOutcome>(StringComparer.Ordinal);
        private readonly Dictionary<long, List<VariationModel>> _dropped = new Dictionary<long, List<VariationModel>>();
        private readonly Dictionary<long, ExperimentModel> _experimentModels = new Dictionary<long, ExperimentModel>();
        private readonly Dictionary<ISymbol, long> _experimentAccessors = new Dictionary<ISymbol, long>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, long> _featureAccessors = new Dictionary<ISymbol, long>(SymbolEqualityComparer.Default);

        private FinishedItems(ManifestModel manifest, GeneratedAccessors accessors)
        {
            foreach (var experiment in manifest.Experiments)
            {
                _experimentModels[experiment.Key] = experiment;
                if (FinishedOutcome.Of(experiment) is { } outcome) _experiments[experiment.Key] = outcome;
                else
                {
                    var dropped = new List<VariationModel>();
                    foreach (var variation in experiment.Variations)
                    {
                        if (variation.IsDropped) dropped.Add(variation);
                    }
                    if (dropped.Count > 0) _dropped[experiment.Key] = dropped;
                }
            }
            foreach (var feature in manifest.FeatureFlags)
            {
                if (FinishedOutcome.Of(feature) is { } outcome) _features[feature.Key] = outcome;
            }
            foreach (var parameter in manifest.RemoteConfigParameters)
            {
                if (FinishedOutcome.Of(parameter) is { } outcome) _parameters[parameter.Key] = outcome;
            }
            foreach (var pair in accessors.Experiments) _experimentAccessors[pair.Value] = pair.Key;
            foreach (var pair in accessors.Features) _featureAccessors[pair.Value] = pair.Key;
        }

        /// <summary>True when nothing in the manifest is finished, so the rules need not look at the code.</summary>
        public bool IsEmpty => _experiments.Count == 0 && _features.Count == 0 && _parameters.Count == 0 && _dropped.Count == 0;

        /// <summary>The finished items of <paramref name="manifest"/> with the accessors the generator emitted for them.</summary>
        public static FinishedItems Create(ManifestModel manifest, GeneratedAccessors accessors) => new FinishedItems(manifest, accessors);

        /// <summary>
        /// The finished item a decision call decides with what every user now gets: a typed accessor
        /// (<c>Experiments.X.Variation</c>, <c>Features.X.IsOn</c>, <c>RemoteConfig.X.Get</c> and their Detail forms) or a
        /// raw call with a constant manifest key; null for anything else.
        /// </summary>
        public FinishedUse? Decision(IInvocationOperation invocation, KnownTypes types)
        {
            if (!types.IsInRuntime(invocation.TargetMethod)) return null;
            return Typed(invocation) ?? Raw(invocation, types) ?? RawParameter(invocation);
        }

        /// <summary>The finished item whose generated symbol this is (an accessor class, or a type nested in one), for HKA109.</summary>
        public FinishedOutcome? Item(ISymbol? symbol)
        {
            for (var current = symbol; current != null; current = current.ContainingType)
            {
                if (_experimentAccessors.TryGetValue(current, out var experimentKey) && _experiments.TryGetValue(experimentKey, out var experiment)) return experiment;
                if (_featureAccessors.TryGetValue(current, out var featureKey) && _features.TryGetValue(featureKey, out var feature)) return feature;
            }
            return null;
        }

        /// <summary>
        /// The dropped variation an enum member of a generated Variant names (never the control, which users allocated to
        /// a dropped variation get instead), or null.
        /// </summary>
        public DroppedVariation? Dropped(IFieldSymbol field)
        {
            if (!(field.ContainingType is { TypeKind: TypeKind.Enum } variant) || !(variant.ContainingType is { } accessor)) return null;
            if (!_experimentAccessors.TryGetValue(accessor, out var key) || !_dropped.TryGetValue(key, out var dropped)) return null;
            if (!field.HasConstantValue || !(field.ConstantValue is int index)) return null;
            var keys = VariantKeys(variant);
            if (index < 0 || index >= keys.Length) return null;
            var control = keys.Substring(0, 1);
            foreach (var variation in dropped)
            {
                if (variation.Key != keys.Substring(index, 1) || variation.Key == control) continue;
                var possible = "";
                foreach (var candidate in keys)
                {
                    if (!IsNeverDecided(dropped, candidate.ToString(), control)) possible += candidate;
                }
                return new DroppedVariation(_experimentModels[key].Display, variation.Key, control, keys, possible, variation.IsOverrideTarget, key);
            }
            return null;
        }

        /// <summary>
        /// For a raw <c>client.Variation(44, user[, "A"])</c> (or <c>VariationDetail(…).VariationKey</c>) of an experiment with
        /// dropped variations: the string constants it is compared with that name a dropped variation no decision returns,
        /// each with what to report. The default is the call's own <c>defaultVariation</c> (a constant key A..J), which a
        /// dropped variation's traffic gets.
        /// </summary>
        private IEnumerable<(IOperation Constant, DroppedVariation Dropped)> DroppedComparisons(IInvocationOperation invocation, KnownTypes types)
        {
            if (!(RawCall.Recognise(invocation, types) is { IsExperiment: true } call) || !(call.VariationValue is { } value)) yield break;
            var keyValue = call.Key.Value.SkipConversionsDown();
            if (!keyValue.ConstantValue.HasValue || !(keyValue.ConstantValue.Value is long || keyValue.ConstantValue.Value is int)) yield break;
            var key = Convert.ToInt64(keyValue.ConstantValue.Value, CultureInfo.InvariantCulture);
            if (!_dropped.TryGetValue(key, out var dropped)) yield break;
            var control = "A";
            if (call.DefaultVariation is { ArgumentKind: ArgumentKind.Explicit })
            {
                var given = call.DefaultVariation.Value.SkipConversionsDown().ConstantValue;
                if (!given.HasValue || !(given.Value is string text) || text.Length != 1 || text[0] < 'A' || text[0] > 'J') yield break;
                control = text;
            }
            var keys = "";
            foreach (var variation in _experimentModels[key].Variations) keys += variation.Key;
            var possible = keys.IndexOf(control, StringComparison.Ordinal) < 0 ? control : "";
            foreach (var candidate in keys)
            {
                if (!IsNeverDecided(dropped, candidate.ToString(), control)) possible += candidate;
            }
            foreach (var compared in VariationComparisons.ComparedConstants(value))
            {
                var text = compared.Constant.ConstantValue.Value as string ?? "";
                if (compared.IgnoresCase) text = text.ToUpperInvariant();
                foreach (var variation in dropped)
                {
                    if (variation.Key == text && IsNeverDecided(dropped, text, control))
                    {
                        yield return (compared.Constant, new DroppedVariation(_experimentModels[key].Display, text, control, "", possible, false, key));
                    }
                }
            }
        }

        /// <summary>
        /// The dropped variation a string literal names when it is compared with a raw decision of its experiment (the
        /// literal's own operation reports it, so that the IDE finds it when it analyzes only the literal's line).
        /// </summary>
        public DroppedVariation? DroppedKey(ILiteralOperation literal, KnownTypes types)
        {
            if (_dropped.Count == 0 || !(literal.ConstantValue.Value is string { Length: 1 })) return null;
            if (!(DecisionComparedWith(literal) is { } decision)) return null;
            foreach (var (constant, dropped) in DroppedComparisons(decision, types))
            {
                if (constant.Syntax == literal.Syntax) return dropped;
            }
            return null;
        }

        /// <summary>The raw call a constant is compared with (==, !=, Equals, a pattern, a case label), directly or through a local.</summary>
        private static IInvocationOperation? DecisionComparedWith(IOperation constant)
        {
            IOperation? other = null;
            IOperation node = constant;
            while (node.Parent is IConversionOperation || node.Parent is IParenthesizedOperation) node = node.Parent;
            switch (node.Parent)
            {
                case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.NotEquals:
                    other = binary.LeftOperand == node ? binary.RightOperand : binary.LeftOperand;
                    break;
                case IArgumentOperation { Parent: IInvocationOperation call } argument when call.TargetMethod.Name == "Equals":
                    other = call.Instance ?? call.Arguments.FirstOrDefault(a => a != argument && a.Value.Type?.SpecialType == SpecialType.System_String)?.Value;
                    break;
                case ISingleValueCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation switchStatement } }:
                    other = switchStatement.Value;
                    break;
                case IConstantPatternOperation pattern:
                    IOperation top = pattern;
                    while (top.Parent is IBinaryPatternOperation || top.Parent is INegatedPatternOperation) top = top.Parent;
                    other = top.Parent switch
                    {
                        IIsPatternOperation isPattern => isPattern.Value,
                        ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression } => switchExpression.Value,
                        IPatternCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation patternSwitch } } => patternSwitch.Value,
                        _ => null,
                    };
                    break;
            }
            other = other?.SkipConversionsDown();
            if (other is ILocalReferenceOperation local)
            {
                var declarator = other.Root().Descendants().OfType<IVariableDeclaratorOperation>()
                    .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local));
                other = declarator?.Initializer?.Value.SkipConversionsDown();
            }
            if (other is IPropertyReferenceOperation { Property: { Name: "VariationKey" } } key) other = key.Instance?.SkipConversionsDown();
            return other as IInvocationOperation;
        }

        /// <summary>Dropped, not the control and no override can give it: a decision never returns it (Java's TrafficAllocateEvaluator).</summary>
        private static bool IsNeverDecided(List<VariationModel> dropped, string key, string control)
        {
            foreach (var variation in dropped)
            {
                if (variation.Key == key) return key != control && !variation.IsOverrideTarget;
            }
            return false;
        }

        private FinishedUse? Typed(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var accessor = method.ContainingType;
            if (accessor.TypeArguments.Length != 1 || !(accessor.TypeArguments[0] is INamedTypeSymbol argument)) return null;
            var isDetail = method.Name == "VariationDetail" || method.Name == "Detail";
            switch (accessor.OriginalDefinition.Name)
            {
                case "ExperimentAccessor" when method.Name == "Variation" || isDetail:
                    if (argument.ContainingType is null || !_experimentAccessors.TryGetValue(argument.ContainingType, out var experimentKey) ||
                        !_experiments.TryGetValue(experimentKey, out var experiment))
                    {
                        return null;
                    }
                    var keys = VariantKeys(argument);
                    // A winner the enum does not have (a renamed or mapped variation) cannot be written as a member.
                    var notFixable = isDetail ? DetailReason
                        : keys.IndexOf(experiment.FinalValue, StringComparison.Ordinal) < 0 ? "no automatic fix: the Variant enum has no member for " + experiment.FinalValue
                        : null;
                    return new FinishedUse(experiment, CleanupShapes.Enum, keys, notFixable);
                case "FeatureAccessor" when method.Name == "IsOn" || isDetail:
                    if (!_featureAccessors.TryGetValue(argument, out var featureKey) || !_features.TryGetValue(featureKey, out var feature)) return null;
                    return new FinishedUse(feature, CleanupShapes.Boolean, null, isDetail ? DetailReason : null);
                case "StringParameterAccessor" when method.Name == "Get" || isDetail:
                case "NumberParameterAccessor" when method.Name == "Get" || isDetail:
                case "BooleanParameterAccessor" when method.Name == "Get" || isDetail:
                    if (!(ParameterKey(argument) is { } parameterKey) || !_parameters.TryGetValue(parameterKey, out var parameter)) return null;
                    return new FinishedUse(parameter, parameter.Shape ?? CleanupShapes.String, null, isDetail ? DetailReason : null);
                default:
                    return null;
            }
        }

        /// <summary>client.Variation(43, user), IsFeatureOn, VariationDetail and FeatureFlagDetail with a constant manifest key.</summary>
        private FinishedUse? Raw(IInvocationOperation invocation, KnownTypes types)
        {
            if (!(RawCall.Recognise(invocation, types) is { } call)) return null;
            var keyValue = call.Key.Value.SkipConversionsDown();
            if (!keyValue.ConstantValue.HasValue || !(keyValue.ConstantValue.Value is long || keyValue.ConstantValue.Value is int)) return null;
            var key = Convert.ToInt64(keyValue.ConstantValue.Value, CultureInfo.InvariantCulture);
            var isDetail = invocation.TargetMethod.Name == "VariationDetail" || invocation.TargetMethod.Name == "FeatureFlagDetail";
            if (call.IsExperiment)
            {
                return _experiments.TryGetValue(key, out var outcome) ? new FinishedUse(outcome, CleanupShapes.String, null, isDetail ? DetailReason : null) : (FinishedUse?)null;
            }
            return _features.TryGetValue(key, out var feature) ? new FinishedUse(feature, CleanupShapes.Boolean, null, isDetail ? DetailReason : null) : (FinishedUse?)null;
        }

        /// <summary>
        /// <c>client.RemoteConfig(user).GetString/GetBool/GetDouble("key", default)</c> with a constant key of a fixed parameter
        /// whose type is the one asked for (any other type gives the caller's default with TYPE_MISMATCH, so it is not reported).
        /// </summary>
        private FinishedUse? RawParameter(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.ContainingType?.Name != "HackleRemoteConfig" || invocation.Arguments.Length != 2) return null;
            string shape;
            switch (method.Name)
            {
                case "GetString": shape = CleanupShapes.String; break;
                case "GetBool": shape = CleanupShapes.Boolean; break;
                case "GetDouble": shape = CleanupShapes.Number; break;
                default: return null;
            }
            var key = invocation.Arguments[0].Value.SkipConversionsDown().ConstantValue;
            if (!key.HasValue || !(key.Value is string text) || !_parameters.TryGetValue(text, out var parameter) || parameter.Shape != shape) return null;
            return new FinishedUse(parameter, shape, null, null);
        }

        /// <summary>The variation keys in the enum's member order (member i has value i), from its [HackleExperiment(key, "ABC")].</summary>
        public static string VariantKeys(INamedTypeSymbol variant)
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

        /// <summary>The key of a generated remote-config class, from the [HackleParameter(key, default)] the runtime reads.</summary>
        private static string? ParameterKey(INamedTypeSymbol parameter)
        {
            foreach (var attribute in parameter.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "HackleParameterAttribute" && attribute.ConstructorArguments.Length == 2 &&
                    attribute.ConstructorArguments[0].Value is string key)
                {
                    return key;
                }
            }
            return null;
        }
    }
}
