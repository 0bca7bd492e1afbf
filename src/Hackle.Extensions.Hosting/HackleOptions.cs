namespace Hackle.Extensions.Hosting
{
    /// <summary>
    /// The options <c>services.AddHackle()</c> binds from the configuration section "Hackle": the SDK key
    /// plus every <see cref="HackleClientOptions"/> setting (TimeSpans as "00:00:10", URLs as absolute URLs).
    /// </summary>
    public sealed class HackleOptions : HackleClientOptions
    {
        /// <summary>The configuration section bound by default.</summary>
        public const string SectionName = "Hackle";

        /// <summary>The SDK key of the Hackle environment (required). Keep it in a secret store, not in source.</summary>
        public string? SdkKey { get; set; }

        /// <summary>
        /// When neither <see cref="HackleClientOptions.ConfigFilePath"/> nor <see cref="HackleClientOptions.Workspace"/>
        /// is set, start from the <c>hackle.flags.json</c> that the HackleTyped build copies beside the app (or
        /// one in the content root or working directory), so the app decides from it at its first request while
        /// polling fetches the live config. Set false to start with no config. Default true.
        /// </summary>
        public bool UseCopiedManifest { get; set; } = true;

        /// <summary>The file name <see cref="UseCopiedManifest"/> looks for: the manifest the HackleTyped build copies to the output.</summary>
        public const string CopiedManifestFileName = "hackle.flags.json";
    }
}
