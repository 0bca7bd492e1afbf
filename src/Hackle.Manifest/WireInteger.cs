using System;
using System.Globalization;

namespace Hackle.Manifest
{
    /// <summary>
    /// What an integer field (an id, a key, a version, a slot bound) accepts, as Java's SDK reads it with
    /// Gson: a JSON number or a JSON string whose text is an integer ("42"), or whose value is integral
    /// ("42.0", 4.2e1). Gson would reject anything else by failing the whole config; here only the entity
    /// that holds the field is dropped. Both readers pass the token text (the raw number, or the decoded
    /// string) to these methods, so they cannot disagree.
    /// </summary>
    internal static class WireInteger
    {
        // 2^63 as a double; values at or above it (or below -2^63) do not fit a long.
        private const double TwoTo63 = 9223372036854775808.0;

        /// <summary>Reads a 64-bit integer; false when the text is not an integral value in range.</summary>
        public static bool TryParseInt64(string? text, out long value)
        {
            value = 0;
            if (string.IsNullOrEmpty(text)) return false;
            // Long.parseLong: optional sign, digits only.
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
            // Then Double.parseDouble, kept only when no precision is lost (a fraction or out of range is an error).
            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                    CultureInfo.InvariantCulture, out var d)) return false;
            if (double.IsNaN(d) || double.IsInfinity(d) || Math.Floor(d) != d || d < -TwoTo63 || d >= TwoTo63) return false;
            value = (long)d;
            return true;
        }

        /// <summary>Reads a 32-bit integer under the same rule, also false when the value does not fit an int.</summary>
        public static bool TryParseInt32(string? text, out int value)
        {
            value = 0;
            if (!TryParseInt64(text, out var wide) || wide < int.MinValue || wide > int.MaxValue) return false;
            value = (int)wide;
            return true;
        }
    }
}
