using Hackle.Internal.Evaluation;

namespace Hackle.Internal
{
    /// <summary>Variation keys are A..J (J Variation.from, which also accepts lower case); others are errors.</summary>
    internal static class VariationKeys
    {
        private static readonly string[] s_keys = { "A", "B", "C", "D", "E", "F", "G", "H", "I", "J" };

        public static string Normalize(string key)
        {
            if (key.Length == 1)
            {
                var c = key[0];
                if (c >= 'A' && c <= 'J') return s_keys[c - 'A'];
                if (c >= 'a' && c <= 'j') return s_keys[c - 'a'];
            }
            throw new EvaluationException("Unsupported variation key [" + key + "].");
        }
    }
}
