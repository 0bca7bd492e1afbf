using System;

namespace Hackle.Manifest
{
    /// <summary>
    /// Variation keys and statuses. Keys are A..J; Java's <c>Variation.from</c> also accepts a..j, so both
    /// readers upper-case those. Any other key is kept by the runtime (a decision that lands on it fails
    /// with EXCEPTION, as in Java) and gets no enum member in the generator (which warns about it).
    /// </summary>
    internal static class VariationKey
    {
        private static readonly string[] s_keys = { "A", "B", "C", "D", "E", "F", "G", "H", "I", "J" };

        /// <summary>The wire status of a retired variation.</summary>
        public const string DroppedStatus = "DROPPED";

        /// <summary>The upper-case key for A..J or a..j; false (and null) for anything else.</summary>
        public static bool TryNormalize(string? key, out string normalized)
        {
            if (key != null && key.Length == 1)
            {
                var c = key[0];
                if (c >= 'A' && c <= 'J')
                {
                    normalized = s_keys[c - 'A'];
                    return true;
                }
                if (c >= 'a' && c <= 'j')
                {
                    normalized = s_keys[c - 'a'];
                    return true;
                }
            }
            normalized = null!;
            return false;
        }

        /// <summary>True when a variation's wire <c>status</c> marks it as dropped (exact, case-sensitive).</summary>
        public static bool IsDropped(string? status) => string.Equals(status, DroppedStatus, StringComparison.Ordinal);
    }
}
