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
    }
}
