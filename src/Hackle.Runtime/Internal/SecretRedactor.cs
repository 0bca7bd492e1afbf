using System;
using System.Text;

namespace Hackle.Internal
{
    /// <summary>
    /// Removes the SDK key from text bound for a log. The key travels in request URLs, so an HTTP stack
    /// may echo it in an exception message; every message the SDK logs about I/O goes through here.
    /// </summary>
    internal sealed class SecretRedactor
    {
        public const string Mask = "***";
        private readonly string _secret;
        private readonly string _escapedSecret;

        public SecretRedactor(string secret)
        {
            _secret = secret;
            _escapedSecret = Uri.EscapeDataString(secret);
        }

        public string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            var result = text!.Replace(_secret, Mask);
            return _escapedSecret == _secret ? result : result.Replace(_escapedSecret, Mask);
        }

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
