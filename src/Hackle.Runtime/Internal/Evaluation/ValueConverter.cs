using System;
using System.Globalization;
using Hackle.Internal.Config;

namespace Hackle.Internal.Evaluation
{
    /// <summary>Conversions of user and config values for matching, as Java's ValueConverter does (docs/protocol.md §2.6).</summary>
    internal static class ValueConverter
    {
        /// <summary>
        /// A value as a string, or null. Doubles print as Java prints them ("1.0"), which is how every config
        /// number reads (Gson makes them doubles); user integers are longs and print plainly ("1").
        /// </summary>
        public static string? ToStringOrNull(object? value)
        {
            switch (value)
            {
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case long l: return l.ToString(CultureInfo.InvariantCulture);
                case double d: return JavaNumbers.FormatDouble(d);
                default: return null;
            }
        }

        public static bool TryToNumber(object? value, out double number)
        {
            switch (value)
            {
                case double d: number = d; return true;
                case long l: number = l; return true;
                case string s: return TryParseJavaDouble(s, out number);
                default: number = 0; return false;
            }
        }

        public static bool TryToBoolean(object? value, out bool boolean)
        {
            switch (value)
            {
                case bool b: boolean = b; return true;
                case "true": boolean = true; return true;
                case "false": boolean = false; return true;
                default: boolean = false; return false;
            }
        }

        /// <summary>
        /// Kotlin's String.toDoubleOrNull: surrounding chars &lt;= U+0020 are ignored, "NaN" and
        /// "Infinity" (case-sensitive, optionally signed) are accepted, as is a trailing d/D/f/F.
        /// Hexadecimal floats are not supported (the dashboard never emits them).
        /// </summary>
        public static bool TryParseJavaDouble(string text, out double number)
        {
            number = 0;
            int start = 0, end = text.Length;
            while (start < end && text[start] <= ' ') start++;
            while (end > start && text[end - 1] <= ' ') end--;
            if (start == end) return false;
            var span = text.AsSpan(start, end - start);
            var sign = 1.0;
            var unsigned = span;
            if (unsigned[0] == '+' || unsigned[0] == '-')
            {
                if (unsigned[0] == '-') sign = -1.0;
                unsigned = unsigned.Slice(1);
            }
            if (unsigned.SequenceEqual("NaN".AsSpan())) { number = double.NaN; return true; }
            if (unsigned.SequenceEqual("Infinity".AsSpan())) { number = sign * double.PositiveInfinity; return true; }
            var last = span[span.Length - 1];
            if (last == 'd' || last == 'D' || last == 'f' || last == 'F') span = span.Slice(0, span.Length - 1);
            if (span.Length == 0) return false;
            for (var i = 0; i < span.Length; i++)
            {
                var c = span[i];
                var ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
                if (!ok) return false;
            }
#if NET8_0_OR_GREATER
            return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
#else
            return double.TryParse(span.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
#endif
        }
    }
}
