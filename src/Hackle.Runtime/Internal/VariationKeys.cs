using Hackle.Internal.Evaluation;
using Hackle.Manifest;

namespace Hackle.Internal
{
    /// <summary>Variation keys are A..J (docs/protocol.md §3.1 and §8.11); others are errors.</summary>
    internal static class VariationKeys
    {
        public static string Normalize(string key) =>
            VariationKey.TryNormalize(key, out var normalized) ? normalized : throw new EvaluationException("Unsupported variation key [" + key + "].");
    }
}
