using System;
using System.Collections.Generic;
using System.Globalization;
using Hackle.Internal.Http;
using Microsoft.Extensions.Logging;

namespace Hackle
{
    /// <summary>
    /// Options of a <see cref="HackleClient"/>. The defaults follow Hackle's server SDKs; every interval
    /// and bound can be shortened (tests) or lengthened. Not sealed so that hosting packages can add
    /// their own settings (such as the SDK key) to one bindable object.
    /// </summary>
    public class HackleClientOptions
    {
        /// <summary>The default config server.</summary>
        public static readonly Uri DefaultSdkUrl = new Uri("https://sdk.hackle.io");

        /// <summary>The default event server.</summary>
        public static readonly Uri DefaultEventUrl = new Uri("https://event.hackle.io");

        /// <summary>The SDK name sent in <c>X-HACKLE-SDK-NAME</c> by default.</summary>
        public const string DefaultSdkName = "dotnet-sdk";

        /// <summary>
        /// A workspace config file (the exported <c>hackle.flags.json</c>) loaded when the client is
        /// created, so the client is ready at once. Unless <see cref="Offline"/> is set, polling then keeps it fresh.
        /// </summary>
        public string? ConfigFilePath { get; set; }

        /// <summary>An already parsed workspace config to start from (takes precedence over <see cref="ConfigFilePath"/>).</summary>
        public HackleWorkspace? Workspace { get; set; }

        /// <summary>
        /// Where events go. By default they are sent to <see cref="EventUrl"/>, or counted and discarded
        /// when <see cref="Offline"/> is set. A custom sink replaces the HTTP delivery (and its <see cref="HackleClient.EventStats"/>).
        /// </summary>
        public IHackleEventSink? EventSink { get; set; }

        /// <summary>Logging; the SDK key is never logged. Without one, see <see cref="LogToStandardError"/>.</summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>
        /// When no <see cref="LoggerFactory"/> is given, write warnings and errors (a rejected or missing
        /// config, an unreachable server, dropped events) to standard error: one line each, at most 10 a
        /// minute, SDK key redacted. Set false to stay silent. Ignored when a LoggerFactory is given. Default true.
        /// </summary>
        public bool LogToStandardError { get; set; } = true;

        /// <summary>Where <see cref="LogToStandardError"/> writes; null for <see cref="System.Console.Error"/>. A seam for tests.</summary>
        internal System.IO.TextWriter? StandardErrorOverride { get; set; }

        /// <summary>
        /// When true the client never touches the network: the config comes only from
        /// <see cref="Workspace"/> or <see cref="ConfigFilePath"/>, and events are discarded unless an
        /// <see cref="EventSink"/> is given. Default false.
        /// </summary>
        public bool Offline { get; set; }

        /// <summary>The config server; <c>GET {SdkUrl}/api/v2/workspaces/{key}/config</c>. Default https://sdk.hackle.io.</summary>
        public Uri SdkUrl { get; set; } = DefaultSdkUrl;

        /// <summary>The event server; <c>POST {EventUrl}/api/v2/events</c>. Default https://event.hackle.io.</summary>
        public Uri EventUrl { get; set; } = DefaultEventUrl;

        /// <summary>Sent in <c>X-HACKLE-SDK-NAME</c> and the User-Agent. Default "dotnet-sdk".</summary>
        public string SdkName { get; set; } = DefaultSdkName;

        /// <summary>Sent in <c>X-HACKLE-SDK-VERSION</c> and the User-Agent. Default: this assembly's version.</summary>
        public string SdkVersion { get; set; } = SdkInfo.AssemblyVersion;

        /// <summary>How often the config is polled, ±10 % jitter. Default 10 s.</summary>
        public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The time limit of one HTTP request (config or event batch), body included. Default 10 s.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>The first delay after a failed poll or event batch; it doubles on each failure in a row. Default 1 s.</summary>
        public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest delay between retries. Default 60 s.</summary>
        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>The default timeout of <see cref="IHackleClient.WaitUntilReadyAsync"/>. Default 5 s.</summary>
        public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The largest config response accepted, in bytes; larger ones are rejected unread. Default 64 MiB.</summary>
        public int MaxConfigBytes { get; set; } = HackleWorkspace.MaxConfigBytes;

        /// <summary>How many events may wait to be sent; when full, new events are dropped and counted. Default 10,000.</summary>
        public int EventQueueCapacity { get; set; } = 10_000;

        /// <summary>
        /// How many bytes of events may wait to be sent, estimated from each event's content (about its
        /// size in the request body) when it is queued; beyond it new events are dropped and counted as
        /// queue full. Batches waiting for a retry keep their share. Default 16 MiB.
        /// </summary>
        public int EventQueueMaxBytes { get; set; } = 16 * 1024 * 1024;

        /// <summary>Events per POST; a full batch is sent at once. Default 100.</summary>
        public int EventBatchSize { get; set; } = 100;

        /// <summary>How often partial batches are sent. Default 10 s.</summary>
        public TimeSpan EventFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How many batches may be in flight at once. Default 2.</summary>
        public int MaxConcurrentEventBatches { get; set; } = 2;

        /// <summary>How many times a batch is retried after a 5xx, 429, timeout or network error. Default 3.</summary>
        public int EventMaxRetries { get; set; } = 3;

        /// <summary>How long Close/Dispose may take to send what is left. Default 10 s.</summary>
        public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How long the process-exit hook may take to flush a client nobody closed. Default 2 s.</summary>
        public TimeSpan ProcessExitTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// The clock of the client's own schedule: the polling interval and its jitter, retry backoffs and
        /// <c>Retry-After</c> dates, the event flush tick and request timeouts. A fake clock (such as
        /// <c>FakeTimeProvider</c>) makes tests of code that uses the SDK deterministic: time moves only when
        /// the test advances it. The limits on how long a caller or the process waits
        /// (<see cref="ReadyTimeout"/>, <see cref="CloseTimeout"/>, <see cref="ProcessExitTimeout"/>) and event
        /// timestamps stay on the system clock, so a clock that never moves cannot hang a shutdown or date
        /// events in the past. Null (the default) is <see cref="System.TimeProvider.System"/>.
        /// </summary>
        public TimeProvider? TimeProvider { get; set; }

        /// <summary>
        /// Checks every setting and returns one message per problem, each starting with the setting's
        /// name; an empty list means the options are usable. <see cref="HackleClient.Create"/> refuses options with problems.
        /// </summary>
        public IReadOnlyList<string> Validate()
        {
            var problems = new List<string>();
            RequireHttpUrl(problems, nameof(SdkUrl), SdkUrl);
            RequireHttpUrl(problems, nameof(EventUrl), EventUrl);
            RequireHeaderText(problems, nameof(SdkName), SdkName);
            RequireHeaderText(problems, nameof(SdkVersion), SdkVersion);
            RequirePositive(problems, nameof(PollingInterval), PollingInterval);
            RequirePositive(problems, nameof(RequestTimeout), RequestTimeout);
            RequirePositive(problems, nameof(RetryMinDelay), RetryMinDelay);
            RequirePositive(problems, nameof(RetryMaxDelay), RetryMaxDelay);
            if (RetryMaxDelay < RetryMinDelay) problems.Add($"{nameof(RetryMaxDelay)} must not be shorter than {nameof(RetryMinDelay)}.");
            RequireNotNegative(problems, nameof(ReadyTimeout), ReadyTimeout);
            RequirePositive(problems, nameof(EventFlushInterval), EventFlushInterval);
            RequireNotNegative(problems, nameof(CloseTimeout), CloseTimeout);
            RequireNotNegative(problems, nameof(ProcessExitTimeout), ProcessExitTimeout);
            RequireRange(problems, nameof(MaxConfigBytes), MaxConfigBytes, 2, HackleWorkspace.MaxConfigBytes);
            RequireRange(problems, nameof(EventQueueCapacity), EventQueueCapacity, 1, 1 << 24);
            RequireRange(problems, nameof(EventQueueMaxBytes), EventQueueMaxBytes, 64 * 1024, 1 << 30);
            RequireRange(problems, nameof(EventBatchSize), EventBatchSize, 1, 10_000);
            RequireRange(problems, nameof(MaxConcurrentEventBatches), MaxConcurrentEventBatches, 1, 64);
            RequireRange(problems, nameof(EventMaxRetries), EventMaxRetries, 0, 100);
            return problems;
        }

        private static void RequireHttpUrl(List<string> problems, string name, Uri? url)
        {
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                problems.Add($"{name} must be an absolute http or https URL.");
        }

        private static void RequireHeaderText(List<string> problems, string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value) || !SdkInfo.IsHeaderSafe(value!))
                problems.Add($"{name} must be non-blank printable ASCII without spaces.");
        }

        private static void RequirePositive(List<string> problems, string name, TimeSpan value)
        {
            if (value <= TimeSpan.Zero) problems.Add($"{name} must be greater than zero (it is {Format(value)}).");
        }

        private static void RequireNotNegative(List<string> problems, string name, TimeSpan value)
        {
            if (value < TimeSpan.Zero) problems.Add($"{name} must not be negative (it is {Format(value)}).");
        }

        private static void RequireRange(List<string> problems, string name, int value, int min, int max)
        {
            if (value < min || value > max)
                problems.Add(string.Format(CultureInfo.InvariantCulture, "{0} must be between {1} and {2} (it is {3}).", name, min, max, value));
        }

        private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
    }
}
