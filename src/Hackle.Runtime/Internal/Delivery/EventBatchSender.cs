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
        /// <summary>Given up at close: the server could not be reached (no such host, connection refused).</summary>
        Unreachable,
        Aborted,
    }

    /// <summary>
    /// POSTs one batch to <c>{eventUrl}/api/v2/events</c> (docs/protocol.md §4). The body was written once (by the
    /// delivery loop, as it took the batch off the queue), so a
    /// retry carries the same insertIds and the server can de-duplicate it. 5xx, 429, timeouts and
    /// network errors are retried with backoff; any other non-2xx refuses the batch for good. Once close
    /// has begun, a server that cannot be reached (the name does not resolve, the connection is refused)
    /// is tried once more at most: waiting out the backoff would only hold the close up.
    /// The batch holds a delivery slot only while its request is on the wire: before a backoff it gives
    /// the slot back (keeping room in the queue instead) and takes one again for the retry, so a batch
    /// that waits never stalls the others. Events that cannot be written are left out of the body
    /// (<see cref="InFlightBatch.Unwritable"/>) and the rest are sent.
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

        /// <summary>
        /// Sends the batch, which holds a slot of <paramref name="slots"/> on entry. <paramref name="closing"/>
        /// (close began) ends a backoff after an unreachable server for one last attempt; <paramref name="abort"/>
        /// (close time limit) gives up at once, returning Aborted. The fate covers the events written into
        /// the body; <see cref="InFlightBatch.Unwritable"/> tells how many were left out.
        /// </summary>
        public async Task<BatchFate> SendAsync(InFlightBatch inFlight, InFlightBatches slots, CancellationToken closing, CancellationToken abort)
        {
            var body = inFlight.Body!;
            var unwritable = inFlight.Unwritable;
            if (unwritable > 0)
            {
                Log.EventsUnwritable(_logger, unwritable, inFlight.Count, _redactor.Describe(inFlight.WriteFailure!));
                // Nothing left to send: the batch is settled by its unwritable count alone.
                if (unwritable == inFlight.Count) return BatchFate.Sent;
            }
            var count = inFlight.Count - unwritable;
            for (var attempt = 0; ; attempt++)
            {
                if (attempt > 0)
                {
                    try
                    {
                        await slots.ResumeAfterRetryAsync(inFlight, abort).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return BatchFate.Aborted;
                    }
                }
                string failure;
                TimeSpan? retryAfter = null;
                var unreachable = false;
                using (var request = _http.CreateRequest(HttpMethod.Post, _eventsUrl))
                using (var timeout = _http.StartTimeout(abort))
                {
                    // A content per attempt, over the one body: HttpClient on .NET Framework disposes the content it sent.
                    request.Content = new ByteArrayContent(body.Array, 0, body.Length);
                    request.Content.Headers.ContentType = s_json;
                    try
                    {
                        using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                        var status = (int)response.StatusCode;
                        if (status >= 200 && status <= 299) return BatchFate.Sent;
                        failure = status + " " + response.ReasonPhrase;
                        if (!HackleHttpClient.IsTransient(response.StatusCode))
                        {
                            Log.EventBatchRejected(_logger, count, failure);
                            return BatchFate.Rejected;
                        }
                        retryAfter = _http.RetryAfter(response);
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
                        unreachable = NetworkFailure.IsUnreachable(e);
                    }
                }
                if (unreachable && closing.IsCancellationRequested)
                {
                    Log.EventBatchAbandonedAtClose(_logger, count, attempt + 1, failure);
                    return BatchFate.Unreachable;
                }
                if (attempt >= _maxRetries)
                {
                    Log.EventBatchFailed(_logger, count, attempt + 1, failure);
                    return BatchFate.RetriesExhausted;
                }
                var delay = RetryDelay.Backoff(attempt + 1, _minDelay, _maxDelay, retryAfter);
                Log.EventBatchRetrying(_logger, count, failure, attempt + 1, delay);
                // Back off this batch, not the pipe: its slot goes to the next batch while it waits.
                slots.SuspendForRetry(inFlight);
                if (!unreachable)
                {
                    if (!await AsyncHelpers.DelayAsync(delay, _http.Clock, abort).ConfigureAwait(false)) return BatchFate.Aborted;
                    continue;
                }
                // Close cuts this wait short: the next attempt is the last if the server is still unreachable.
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(closing, abort))
                {
                    await AsyncHelpers.DelayAsync(delay, _http.Clock, wait.Token).ConfigureAwait(false);
                }
                if (abort.IsCancellationRequested) return BatchFate.Aborted;
            }
        }
    }
}
