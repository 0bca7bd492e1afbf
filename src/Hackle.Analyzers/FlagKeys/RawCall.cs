using System.Linq;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>A call of the raw-key SDK API: Variation, VariationDetail, IsFeatureOn or FeatureFlagDetail.</summary>
    internal readonly struct RawCall
    {
        private RawCall(bool isExperiment, IArgumentOperation key, IArgumentOperation? defaultVariation, IOperation? variationValue, IOperation? decisionValue)
        {
            DecisionValue = decisionValue;
            IsExperiment = isExperiment;
            Key = key;
            DefaultVariation = defaultVariation;
            VariationValue = variationValue;
        }

        /// <summary>True for the A/B test calls, false for the feature-flag calls.</summary>
        public bool IsExperiment { get; }

        /// <summary>The key argument.</summary>
        public IArgumentOperation Key { get; }

        /// <summary>The defaultVariation argument of the A/B test calls.</summary>
        public IArgumentOperation? DefaultVariation { get; }

        /// <summary>The operation that yields the decided variation key as a string, when there is one.</summary>
        public IOperation? VariationValue { get; }

        /// <summary>A <c>VariationDetail</c> call whose decision is kept (in a local) rather than read at once.</summary>
        public IOperation? DecisionValue { get; }

        /// <summary>Recognises <paramref name="invocation"/> as a raw-key call of the runtime, or returns null.</summary>
        public static RawCall? Recognise(IInvocationOperation invocation, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            if (!types.IsInRuntime(method)) return null;
            var isExtension = SymbolEqualityComparer.Default.Equals(method.ContainingType, types.ClientExtensions);
            var isClientMethod = types.IsClientType(method.ContainingType);

            bool isExperiment;
            IOperation? variation = null;
            IOperation? decision = null;
            switch (method.Name)
            {
                case "Variation" when isExtension:
                    isExperiment = true;
                    variation = invocation;
                    break;
                case "VariationDetail" when isClientMethod:
                    isExperiment = true;
                    if (invocation.SkipConversionsUp().Parent is IPropertyReferenceOperation { Property: { Name: "VariationKey" } } property) variation = property;
                    else decision = invocation;
                    break;
                case "IsFeatureOn" when isExtension:
                case "FeatureFlagDetail" when isClientMethod:
                    isExperiment = false;
                    break;
                default:
                    return null;
            }

            var key = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "experimentKey" || a.Parameter?.Name == "featureKey");
            if (key is null) return null;
            var defaultVariation = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "defaultVariation");
            return new RawCall(isExperiment, key, defaultVariation, variation, decision);
        }
    }
}
