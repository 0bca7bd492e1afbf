using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Http
{
    /// <summary>
    /// The one HttpClient of a Hackle client, shared by config polling and event delivery, and the
    /// X-HACKLE-* headers every request carries (docs/protocol.md §1.1).
    /// </summary>
    internal sealed class HackleHttpClient : IDisposable
    {
        private readonly HttpClient _client;
        private readonly string _sdkKey;
        private readonly string _sdkName;
        private readonly string _sdkVersion;
        private readonly string _userAgent;

        public HackleHttpClient(string sdkKey, HackleClientOptions options)
        {
            _sdkKey = sdkKey;
            _sdkName = options.SdkName;
            _sdkVersion = options.SdkVersion;
            _userAgent = options.SdkName + "/" + options.SdkVersion;
            RequestTimeout = options.RequestTimeout;
            Clock = options.TimeProvider ?? TimeProvider.System;
            // Timeouts are ours (StartTimeout), so that a slow server can be told apart from shutdown.
            _client = new HttpClient(CreateHandler(options.RequestTimeout), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        /// <summary>The time limit of one request, body included.</summary>
        public TimeSpan RequestTimeout { get; }

        /// <summary>The client's clock (<see cref="HackleClientOptions.TimeProvider"/>): request timeouts, Retry-After dates.</summary>
        public TimeProvider Clock { get; }

        private static HttpMessageHandler CreateHandler(TimeSpan connectTimeout)
        {
#if NET
            return new SocketsHttpHandler
            {
                // Long-lived clients must notice DNS changes; idle connections are closed as the Java SDK does.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                ConnectTimeout = connectTimeout,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
#else
            var handler = new HttpClientHandler();
            if (handler.SupportsAutomaticDecompression)
                handler.AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;
            return handler;
#endif
        }

        /// <summary>A request with the SDK headers set.</summary>
        public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri)
        {
            var request = new HttpRequestMessage(method, uri);
            var headers = request.Headers;
            headers.TryAddWithoutValidation("X-HACKLE-SDK-KEY", _sdkKey);
            headers.TryAddWithoutValidation("X-HACKLE-SDK-NAME", _sdkName);
            headers.TryAddWithoutValidation("X-HACKLE-SDK-VERSION", _sdkVersion);
            headers.TryAddWithoutValidation("X-HACKLE-SDK-TIME", UserEvent.Now().ToString(CultureInfo.InvariantCulture));
            headers.TryAddWithoutValidation("User-Agent", _userAgent);
            return request;
        }

        /// <summary>
        /// A token that is cancelled when <paramref name="cancellationToken"/> is, or when the request
        /// timeout passes on <see cref="Clock"/>. A caller whose own token is not cancelled knows it was the timeout.
        /// </summary>
        public RequestDeadline StartTimeout(CancellationToken cancellationToken) => new RequestDeadline(cancellationToken, RequestTimeout, Clock);

        /// <summary>Sends a request; the response body is read by the caller, within the same token.</summary>
        public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

        /// <summary>The delay a 429 or 503 response asks for, if it says; a date is counted from now on <see cref="Clock"/>.</summary>
        public TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header is null) return null;
            if (header.Delta is TimeSpan delta) return delta;
            if (header.Date is DateTimeOffset date)
            {
                var wait = date - Clock.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        /// <summary>
        /// <paramref name="relativePath"/> under <paramref name="baseUrl"/>, keeping any path the base has
        /// (a proxy at <c>https://host/hackle</c> gives <c>https://host/hackle/api/...</c>).
        /// </summary>
        public static Uri Endpoint(Uri baseUrl, string relativePath)
        {
            var text = baseUrl.AbsoluteUri;
            return new Uri(new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/"), relativePath);
        }

        /// <summary>True for the statuses worth retrying: 429 and every 5xx.</summary>
        public static bool IsTransient(HttpStatusCode status) => (int)status == 429 || (int)status >= 500;

        public void Dispose() => _client.Dispose();
    }
}
