using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal.Http;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Delivery
{
    /// <summary>What became of a batch.</summary>
    internal enum BatchFate
    {
        Sent,
        Rejected,
        RetriesExhausted,
        Aborted,
    }

    /// <summary>
    /// POSTs one batch to <c>{eventUrl}/api/v2/events</c> (spec §4). The body is written once, so a
    /// retry carries the same insertIds and the server can de-duplicate it. 5xx, 429, timeouts and
    /// network errors are retried with backoff; any other non-2xx refuses the batch for good.
    /// </summary>
    internal sealed class EventBatchSender
    {
        private static readonly MediaTypeHeaderValue s_json = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        private readonly HackleHttpClient _http;
        private readonly Uri _eventsUrl;
        private readonly int _maxRetries;
        private readonly TimeSpan _minDelay;
        private readonly TimeSpan _maxDelay;
        private readonly ILogger _logger;
        private readonly SecretRedactor _redactor;

        public EventBatchSender(HackleHttpClient http, HackleClientOptions options, ILogger logger, SecretRedactor redactor)
        {
            _http = http;
            _eventsUrl = HackleHttpClient.Endpoint(options.EventUrl, "api/v2/events");
            _maxRetries = options.EventMaxRetries;
            _minDelay = options.RetryMinDelay;
            _maxDelay = options.RetryMaxDelay;
            _logger = logger;
            _redactor = redactor;
        }

        /// <summary>Sends the batch; <paramref name="abort"/> gives up at once (close time limit), returning Aborted.</summary>
        public async Task<BatchFate> SendAsync(IReadOnlyList<UserEvent> batch, CancellationToken abort)
        {
            var body = EventPayloadWriter.ToUtf8(batch);
            for (var attempt = 0; ; attempt++)
            {
                string failure;
                TimeSpan? retryAfter = null;
                using (var request = _http.CreateRequest(HttpMethod.Post, _eventsUrl))
                using (var timeout = _http.StartTimeout(abort))
                {
                    request.Content = new ByteArrayContent(body.Array!, body.Offset, body.Count);
                    request.Content.Headers.ContentType = s_json;
                    try
                    {
                        using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                        var status = (int)response.StatusCode;
                        if (status >= 200 && status <= 299) return BatchFate.Sent;
                        failure = status + " " + response.ReasonPhrase;
                        if (!HackleHttpClient.IsTransient(response.StatusCode))
                        {
                            Log.EventBatchRejected(_logger, batch.Count, failure);
                            return BatchFate.Rejected;
                        }
                        retryAfter = HackleHttpClient.RetryAfter(response);
                    }
                    catch (OperationCanceledException) when (abort.IsCancellationRequested)
                    {
                        return BatchFate.Aborted;
                    }
                    catch (OperationCanceledException)
                    {
                        failure = "no response within " + _http.RequestTimeout;
                    }
                    catch (Exception e) when (e is HttpRequestException || e is IOException)
                    {
                        failure = _redactor.Describe(e);
                    }
                }
                if (attempt >= _maxRetries)
                {
                    Log.EventBatchFailed(_logger, batch.Count, attempt + 1, failure);
                    return BatchFate.RetriesExhausted;
                }
                var delay = RetryDelay.Backoff(attempt + 1, _minDelay, _maxDelay, retryAfter);
                Log.EventBatchRetrying(_logger, batch.Count, failure, attempt + 1, delay);
                if (!await AsyncHelpers.DelayAsync(delay, abort).ConfigureAwait(false)) return BatchFate.Aborted;
            }
        }
    }
}
