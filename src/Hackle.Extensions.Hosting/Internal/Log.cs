using Microsoft.Extensions.Logging;

namespace Hackle.Extensions.Hosting.Internal
{
    /// <summary>The hosting package's log messages, with stable event ids (the runtime uses 1xxx, hosting 2xxx).</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Hackle client is ready.")]
        public static partial void Ready(ILogger logger);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Hackle client is not ready at startup; decisions return defaults (SDK_NOT_READY) until the first config arrives.")]
        public static partial void NotReady(ILogger logger);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Host shutdown time ran out while Hackle was sending queued events; the rest is sent within the client's close time limit.")]
        public static partial void StopIncomplete(ILogger logger);
    }
}
