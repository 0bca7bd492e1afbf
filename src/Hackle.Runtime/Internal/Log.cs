using System;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal
{
    /// <summary>
    /// Every log message of the runtime, with stable event ids (never renumber one). None of them carries
    /// the SDK key: I/O details pass through <see cref="SecretRedactor"/> first.
    /// </summary>
    internal static partial class Log
    {
        /// <summary>What a failed config load or poll means for decisions, which depends on whether a config is in force.</summary>
        public static string Consequence(bool hasConfig) => hasConfig
            ? "the last good config stays in force"
            : "there is no config yet, so decisions return defaults with SDK_NOT_READY";

        [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Hackle {Kind} decision for key {Key} failed; the default was returned.")]
        public static partial void DecisionFailed(ILogger logger, Exception exception, string kind, string key);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Hackle track ignored: {Reason}.")]
        public static partial void TrackIgnored(ILogger logger, string reason);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Hackle workspace config rejected; {Consequence}. {Error}")]
        public static partial void ConfigRejected(ILogger logger, string consequence, string error);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Hackle workspace config loaded: {Experiments} experiments, {FeatureFlags} feature flags.")]
        public static partial void ConfigLoaded(ILogger logger, int experiments, int featureFlags);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Hackle client closed with events still pending: {Error}")]
        public static partial void CloseIncomplete(ILogger logger, string error);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Hackle client has no workspace config source; every decision returns SDK_NOT_READY.")]
        public static partial void NoConfigSource(ILogger logger);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Hackle workspace config not modified (304).")]
        public static partial void ConfigNotModified(ILogger logger);

        [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "Hackle config server refused the SDK key ({Status}); check the key; {Consequence}. This is logged once until a poll succeeds.")]
        public static partial void ConfigUnauthorized(ILogger logger, string status, string consequence);

        [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Hackle config poll failed ({Outcome}: {Detail}); failure {Failures} in a row, next attempt in {Delay}; {Consequence}.")]
        public static partial void ConfigPollFailed(ILogger logger, string outcome, string detail, int failures, TimeSpan delay, string consequence);

        [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Hackle config polling recovered after {Failures} failures.")]
        public static partial void ConfigPollRecovered(ILogger logger, int failures);

        [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Hackle config poll failed unexpectedly ({Error}); next attempt in {Delay}.")]
        public static partial void ConfigPollCrashed(ILogger logger, string error, TimeSpan delay);

        [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Hackle event server refused a batch of {Count} events ({Status}); they were dropped.")]
        public static partial void EventBatchRejected(ILogger logger, int count, string status);

        [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Hackle event batch of {Count} events failed ({Failure}); retry {Retry} in {Delay}.")]
        public static partial void EventBatchRetrying(ILogger logger, int count, string failure, int retry, TimeSpan delay);

        [LoggerMessage(EventId = 1014, Level = LogLevel.Error, Message = "Hackle event batch of {Count} events failed {Attempts} times ({Failure}); it was dropped.")]
        public static partial void EventBatchFailed(ILogger logger, int count, int attempts, string failure);

        [LoggerMessage(EventId = 1018, Level = LogLevel.Warning, Message = "Hackle event batch of {Count} events dropped at close: the event server cannot be reached ({Failure}); attempts: {Attempts}.")]
        public static partial void EventBatchAbandonedAtClose(ILogger logger, int count, int attempts, string failure);

        [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Hackle event queue is full ({Capacity} events or {MaxBytes} bytes); new events are dropped: {Dropped} events were dropped since the last warning, {Total} in all. Warned at most every {Interval}.")]
        public static partial void EventQueueFull(ILogger logger, int capacity, long maxBytes, long dropped, long total, TimeSpan interval);

        [LoggerMessage(EventId = 1016, Level = LogLevel.Error, Message = "Hackle event delivery failed unexpectedly: {Error}")]
        public static partial void DeliveryLoopFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Hackle workspace config: {Problem}; the rest of the config is used.")]
        public static partial void ConfigItemDropped(ILogger logger, string problem);

        [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Hackle workspace config: {Count} more entities were dropped (the first {Named} are listed above); the rest of the config is used.")]
        public static partial void ConfigItemsDroppedMore(ILogger logger, int count, int named);

        [LoggerMessage(EventId = 1040, Level = LogLevel.Error, Message = "Hackle dropped {Count} events of a batch of {BatchCount}: they could not be written into the request body ({Error}); the rest of the batch is sent.")]
        public static partial void EventsUnwritable(ILogger logger, int count, int batchCount, string error);

        [LoggerMessage(EventId = 1041, Level = LogLevel.Error, Message = "A MeterListener threw while Hackle recorded a measurement ({Error}); Hackle carries on, and further failures are not logged.")]
        public static partial void MetricListenerFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 1042, Level = LogLevel.Error, Message = "The custom event sink threw from {Operation} ({Error}); Hackle carries on (an event it refused is lost). Further failures are not logged.")]
        public static partial void EventSinkFailed(ILogger logger, string operation, string error);

        [LoggerMessage(EventId = 1032, Level = LogLevel.Warning, Message = "Hackle workspace config has no experiments, feature flags or remote-config parameters, where the previous one had {Experiments} experiments, {FeatureFlags} feature flags and {Parameters} parameters; it is in force, so decisions for them return NOT_FOUND until they are added back.")]
        public static partial void ConfigEmptied(ILogger logger, int experiments, int featureFlags, int parameters);

        [LoggerMessage(EventId = 1017, Level = LogLevel.Information, Message = "Hackle client started: {Mode}.")]
        public static partial void ClientStarted(ILogger logger, string mode);
    }
}
