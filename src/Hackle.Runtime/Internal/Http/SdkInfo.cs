using System.Reflection;

namespace Hackle.Internal.Http
{
    /// <summary>What the SDK says about itself on the wire, and what may travel in a header.</summary>
    internal static class SdkInfo
    {
        /// <summary>This assembly's informational version without the source-revision suffix ("0.1.0", not "0.1.0+abc123").</summary>
        public static readonly string AssemblyVersion = ReadVersion();

        private static string ReadVersion()
        {
            var assembly = typeof(SdkInfo).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString()
                ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus > 0 ? version.Substring(0, plus) : version;
        }

        /// <summary>
        /// True when <paramref name="value"/> can be sent as a header value and a URL path segment as it
        /// is: visible ASCII only. Anything else (spaces, CR/LF, non-ASCII) could split or corrupt a request.
        /// </summary>
        public static bool IsHeaderSafe(string value)
        {
            foreach (var c in value)
            {
                if (c <= ' ' || c > '~') return false;
            }
            return true;
        }
    }
}
