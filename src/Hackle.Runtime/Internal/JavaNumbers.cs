using System;
using System.Globalization;
using System.Text;

namespace Hackle.Internal
{
    /// <summary>Java's number semantics where Hackle's decisions depend on them (docs/protocol.md §2.6).</summary>
    internal static class JavaNumbers
    {
        private static readonly char[] s_exponentMarks = { 'E', 'e' };

        /// <summary>Kotlin's Double.toInt(): NaN is 0, out-of-range values saturate.</summary>
        public static int ToInt(double value)
        {
            if (double.IsNaN(value)) return 0;
            if (value >= int.MaxValue) return int.MaxValue;
            if (value <= int.MinValue) return int.MinValue;
            return (int)value;
        }

        /// <summary>Kotlin's Double.toLong(): NaN is 0, out-of-range values saturate.</summary>
        public static long ToLong(double value)
        {
            if (double.IsNaN(value)) return 0;
            if (value >= long.MaxValue) return long.MaxValue;
            if (value <= long.MinValue) return long.MinValue;
            return (long)value;
        }

        /// <summary>
        /// Java's Double.toString: shortest round-trip digits, plain notation for 1e-3 &lt;= |d| &lt; 1e7
        /// with at least one fractional digit ("1.0"), otherwise "d.dddE[-]n" ("1.0E10").
        /// </summary>
        public static string FormatDouble(double value)
        {
            if (double.IsNaN(value)) return "NaN";
            if (double.IsPositiveInfinity(value)) return "Infinity";
            if (double.IsNegativeInfinity(value)) return "-Infinity";
            if (value == 0) return BitConverter.DoubleToInt64Bits(value) < 0 ? "-0.0" : "0.0";

            // Shortest round-trip form from .NET, e.g. "1.2345E-05" or "123.45"; re-laid out as Java does.
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            var negative = text[0] == '-';
            if (negative) text = text.Substring(1);
            var exponent = 0;
            var e = text.IndexOfAny(s_exponentMarks);
            if (e >= 0)
            {
                exponent = int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                text = text.Substring(0, e);
            }
            var point = text.IndexOf('.');
            var digits = point < 0 ? text : text.Remove(point, 1);
            var pointPosition = (point < 0 ? text.Length : point) + exponent; // digits before the decimal point
            var leadingZeros = 0;
            while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
            digits = digits.Substring(leadingZeros);
            pointPosition -= leadingZeros;
            digits = digits.TrimEnd('0');
            if (digits.Length == 0) digits = "0";

            var abs = Math.Abs(value);
            var sb = new StringBuilder(24);
            if (negative) sb.Append('-');
            if (abs >= 1e-3 && abs < 1e7)
            {
                if (pointPosition <= 0)
                {
                    sb.Append("0.").Append('0', -pointPosition).Append(digits);
                }
                else if (pointPosition >= digits.Length)
                {
                    sb.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
                }
                else
                {
                    sb.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
                }
            }
            else
            {
                sb.Append(digits[0]).Append('.');
                sb.Append(digits.Length > 1 ? digits.Substring(1) : "0");
                sb.Append('E').Append((pointPosition - 1).ToString(CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }
    }
}
