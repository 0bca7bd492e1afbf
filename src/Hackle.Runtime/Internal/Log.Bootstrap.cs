using Microsoft.Extensions.Logging;

namespace Hackle.Internal
{
    internal static partial class Log
    {
        [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "Hackle bootstrap config file '{Path}' was not found (looked for {Searched}); {Consequence}.")]
        public static partial void ConfigFileMissing(ILogger logger, string path, string searched, string consequence);
    }
}
