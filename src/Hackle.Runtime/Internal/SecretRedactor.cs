using System;
using System.Text;

namespace Hackle.Internal
{
    /// <summary>
    /// Removes the SDK key from text bound for a log. The key travels in request URLs and headers, so an
    /// HTTP stack, a proxy or a server may echo it (in an exception message, a status text), in any form:
    /// as it is, URL-escaped (upper- or lower-case hex, some characters escaped and some not), escaped
    /// twice, or with its letters' case changed. Every such form is masked; masking a near miss is harmless.
    /// </summary>
    internal sealed class SecretRedactor
    {
        public const string Mask = "***";
        private readonly string _secret;

        public SecretRedactor(string secret) => _secret = secret;

        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text) || _secret.Length == 0) return text ?? "";
            StringBuilder? result = null;
            var copied = 0;
            for (var i = 0; i < text!.Length; i++)
            {
                var length = MatchAt(text, i);
                if (length < 0) continue;
                result ??= new StringBuilder(text.Length);
                result.Append(text, copied, i - copied).Append(Mask);
                copied = i + length;
                i = copied - 1;
            }
            if (result is null) return text;
            return result.Append(text, copied, text.Length - copied).ToString();
        }

        /// <summary>The length of a form of the secret starting at <paramref name="start"/>, or -1.</summary>
        private int MatchAt(string text, int start)
        {
            var at = start;
            foreach (var c in _secret)
            {
                if (at >= text.Length) return -1;
                if (SameLetter(text[at], c)) { at++; continue; }
                // %XX, or %25XX when the text was escaped twice.
                var hex = at + 1;
                if (text[at] != '%' || c > 0x7F) return -1;
                if (hex + 1 < text.Length && text[hex] == '2' && text[hex + 1] == '5' && IsHexOf(text, hex + 2, c)) { at = hex + 4; continue; }
                if (IsHexOf(text, hex, c)) { at = hex + 2; continue; }
                return -1;
            }
            return at - start;
        }

        private static bool SameLetter(char a, char b) => a == b || (a < 0x80 && b < 0x80 && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));

        /// <summary>True when the two characters at <paramref name="at"/> are the hex code (any case) of ASCII <paramref name="c"/>.</summary>
        private static bool IsHexOf(string text, int at, char c)
        {
            if (at + 1 >= text.Length) return false;
            return HexValue(text[at]) == c >> 4 && HexValue(text[at + 1]) == (c & 0xF);
        }

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        /// <summary>
        /// Describes an exception and its inner exceptions as "Type: message" pairs, redacted. Stack traces
        /// are left out on purpose: I/O failures are expected conditions, not bugs.
        /// </summary>
        public string Describe(Exception exception)
        {
            var text = new StringBuilder();
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (text.Length > 0) text.Append(" ---> ");
                text.Append(e.GetType().Name).Append(": ").Append(e.Message);
            }
            return Redact(text.ToString());
        }
    }
}
