using Microsoft.Extensions.Logging;

namespace Hackle
{
    /// <summary>Options of a <see cref="HackleClient"/>.</summary>
    public sealed class HackleClientOptions
    {
        /// <summary>
        /// A workspace config file (the exported <c>hackle.flags.json</c>) loaded when the client is
        /// created, so the client is ready at once and works with no network.
        /// </summary>
        public string? ConfigFilePath { get; set; }

        /// <summary>An already parsed workspace config to start from (takes precedence over <see cref="ConfigFilePath"/>).</summary>
        public HackleWorkspace? Workspace { get; set; }

        /// <summary>Where events go. By default they are counted and discarded, since nothing is sent offline.</summary>
        public IHackleEventSink? EventSink { get; set; }

        /// <summary>Logging; the SDK key is never logged.</summary>
        public ILoggerFactory? LoggerFactory { get; set; }
    }
}
