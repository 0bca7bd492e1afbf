using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal.Http;

namespace Hackle.Internal.Sync
{
    /// <summary>
    /// One conditional GET of the workspace config (docs/protocol.md §1.1): sends back the last Last-Modified as
    /// If-Modified-Since, reads at most the size limit (<see cref="ConfigBodyReader"/>), and parses the body.
    /// Failures become outcomes, never exceptions, except cancellation of the caller's token (shutdown).
    /// </summary>
    internal sealed class WorkspaceFetcher
    {
        private readonly HackleHttpClient _http;
        private readonly Uri _configUrl;
        private readonly int _maxBytes;
        private readonly SecretRedactor _redactor;

        // Only the polling loop reads and writes it, one fetch at a time.
        private string? _lastModified;

        public WorkspaceFetcher(HackleHttpClient http, Uri sdkUrl, string sdkKey, int maxBytes, SecretRedactor redactor)
        {
            _http = http;
            _configUrl = HackleHttpClient.Endpoint(sdkUrl, "api/v2/workspaces/" + Uri.EscapeDataString(sdkKey) + "/config");
            _maxBytes = maxBytes;
            _redactor = redactor;
        }

        public async Task<FetchResult> FetchAsync(CancellationToken cancellationToken)
        {
            using var request = _http.CreateRequest(HttpMethod.Get, _configUrl);
            if (_lastModified != null) request.Headers.TryAddWithoutValidation("If-Modified-Since", _lastModified);
            using var timeout = _http.StartTimeout(cancellationToken);
            try
            {
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                // A server or proxy may echo the request path (and so the key) in its status text.
                var statusText = _redactor.Redact(status + " " + response.ReasonPhrase);
                if (status == 304) return new FetchResult(FetchOutcome.NotModified);
                if (status == 401 || status == 403) return new FetchResult(FetchOutcome.Unauthorized, detail: statusText);
                if (status == 429) return new FetchResult(FetchOutcome.RateLimited, detail: statusText, retryAfter: _http.RetryAfter(response));
                if (status >= 500) return new FetchResult(FetchOutcome.ServerError, detail: statusText, retryAfter: _http.RetryAfter(response));
                if (status < 200 || status > 299) return new FetchResult(FetchOutcome.HttpError, detail: statusText);

                var tooLarge = new FetchResult(FetchOutcome.TooLarge, detail: "the body is larger than " + _maxBytes + " bytes");
                if (response.Content.Headers.ContentLength > _maxBytes) return tooLarge;
                byte[]? body;
                using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    body = await ConfigBodyReader.ReadAsync(stream, _maxBytes, timeout.Token).ConfigureAwait(false);
                }
                if (body is null) return tooLarge;
                HackleWorkspace workspace;
                try
                {
                    workspace = HackleWorkspace.Parse(body);
                }
                catch (HackleConfigException e)
                {
                    return new FetchResult(FetchOutcome.Malformed, detail: _redactor.Redact(e.Message));
                }
                // Kept only once the config is in force, so a rejected body is fetched in full next time.
                _lastModified = LastModified(response);
                return new FetchResult(FetchOutcome.Updated, workspace);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new FetchResult(FetchOutcome.Timeout, detail: "no complete response within " + _http.RequestTimeout);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException)
            {
                return new FetchResult(FetchOutcome.NetworkError, detail: _redactor.Describe(e));
            }
        }

        private static string? LastModified(HttpResponseMessage response)
        {
            // Sent back verbatim (docs/protocol.md §1.1), so read the raw header rather than the parsed date.
#if NET
            return response.Content.Headers.NonValidated.TryGetValues("Last-Modified", out var values) ? values.ToString() : null;
#else
            return response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null;
#endif
        }
    }
}
