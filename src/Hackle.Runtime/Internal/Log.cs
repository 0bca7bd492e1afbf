using System;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal
{
    /// <summary>Every log message of the runtime, with stable event ids. None of them carries the SDK key.</summary>
    internal static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Hackle {Kind} decision for key {Key} failed; the default was returned.")]
        public static partial void DecisionFailed(ILogger logger, Exception exception, string kind, string key);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Hackle track ignored: {Reason}.")]
        public static partial void TrackIgnored(ILogger logger, string reason);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Hackle workspace config rejected; the last good config stays in force. {Error}")]
        public static partial void ConfigRejected(ILogger logger, string error);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Hackle workspace config loaded: {Experiments} experiments, {FeatureFlags} feature flags.")]
        public static partial void ConfigLoaded(ILogger logger, int experiments, int featureFlags);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Hackle client closed with events still pending: {Error}")]
        public static partial void CloseIncomplete(ILogger logger, string error);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Hackle client has no workspace config source; every decision returns SDK_NOT_READY.")]
        public static partial void NoConfigSource(ILogger logger);
    }
}
