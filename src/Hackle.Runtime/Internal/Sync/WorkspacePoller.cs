using System;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal.Http;
using Hackle.Internal.Metrics;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Sync
{
    /// <summary>
    /// Keeps the client's config fresh: polls at the interval (±10 %) after a success, a 304 or a refused
    /// key, and backs off exponentially after a transient failure or a rejected body (malformed or too
    /// large: asking again soon costs the same download for the same answer). It never takes the config in
    /// force away: only a valid new config replaces it.
    /// </summary>
    internal sealed class WorkspacePoller
    {
        private readonly WorkspaceFetcher _fetcher;
        private readonly IConfigSyncTarget _target;
        private readonly HackleMetrics _metrics;
        private readonly ILogger _logger;
        private readonly SecretRedactor _redactor;
        private readonly TimeSpan _interval;
        private readonly TimeSpan _minDelay;
        private readonly TimeSpan _maxDelay;
        private readonly TimeProvider _clock;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task _loop = Task.CompletedTask;

        // Loop state: touched only by the polling loop.
        private int _failures;
        private bool _unauthorizedReported;

        public WorkspacePoller(WorkspaceFetcher fetcher, IConfigSyncTarget target, HackleClientOptions options, HackleMetrics metrics, ILogger logger, SecretRedactor redactor)
        {
            _fetcher = fetcher;
            _target = target;
            _metrics = metrics;
            _logger = logger;
            _redactor = redactor;
            _interval = options.PollingInterval;
            _minDelay = options.RetryMinDelay;
            _maxDelay = options.RetryMaxDelay;
            _clock = options.TimeProvider ?? TimeProvider.System;
        }

        /// <summary>Starts polling on the thread pool; the first poll runs at once.</summary>
        public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

        /// <summary>Stops polling, waiting for an ongoing poll to notice until <paramref name="cancellationToken"/> is cancelled.</summary>
        public async Task StopAsync(CancellationToken cancellationToken)
        {
            _stop.Cancel();
            await AsyncHelpers.TryWaitAsync(_loop, cancellationToken).ConfigureAwait(false);
        }

        private async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                TimeSpan delay;
                try
                {
                    var result = await _fetcher.FetchAsync(stop).ConfigureAwait(false);
                    delay = Handle(result);
                    RecordPoll(result.Tag);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    // Stopping: cancellation, or the HTTP client already disposed by a close that stopped waiting.
                    break;
                }
                catch (Exception e)
                {
                    // A bug, not an I/O failure; keep polling rather than leave the config to go stale.
                    _failures++;
                    delay = RetryDelay.Backoff(_failures, _minDelay, _maxDelay);
                    Log.ConfigPollCrashed(_logger, _redactor.Describe(e), delay);
                }
                if (!await AsyncHelpers.DelayAsync(delay, _clock, stop).ConfigureAwait(false)) break;
            }
        }

        /// <summary>Counts the poll; a failing meter listener must not stop polling (the poll itself is already handled).</summary>
        private void RecordPoll(string outcome)
        {
            try
            {
                _metrics.Poll(outcome);
            }
            catch (Exception)
            {
                // Listeners are the user's code; the config matters more than the count.
            }
        }

        private TimeSpan Handle(in FetchResult result)
        {
            if (result.Outcome != FetchOutcome.Unauthorized && result.Outcome != FetchOutcome.Timeout && result.Outcome != FetchOutcome.NetworkError)
                _target.KeyNotRefused();
            switch (result.Outcome)
            {
                case FetchOutcome.Updated:
                    _target.Apply(result.Workspace!);
                    return Succeeded();
                case FetchOutcome.NotModified:
                    _target.Confirm();
                    Log.ConfigNotModified(_logger);
                    return Succeeded();
                case FetchOutcome.Unauthorized:
                    // Retrying sooner would not help a refused key; one error is enough until it works again.
                    _target.Unauthorized();
                    if (!_unauthorizedReported)
                    {
                        _unauthorizedReported = true;
                        Log.ConfigUnauthorized(_logger, result.Detail, Log.Consequence(_target.HasConfig));
                    }
                    _failures = 0;
                    return RetryDelay.Jitter(_interval);
                case FetchOutcome.Malformed:
                case FetchOutcome.TooLarge:
                    // Backed off like an error, but never sooner than the interval.
                    _failures++;
                    Log.ConfigRejected(_logger, Log.Consequence(_target.HasConfig), result.Detail);
                    var backoff = RetryDelay.Backoff(_failures, _minDelay, _maxDelay);
                    var interval = RetryDelay.Jitter(_interval);
                    return backoff > interval ? backoff : interval;
                default:
                    _failures++;
                    var delay = RetryDelay.Backoff(_failures, _minDelay, _maxDelay, result.RetryAfter);
                    Log.ConfigPollFailed(_logger, result.Tag, result.Detail, _failures, delay, Log.Consequence(_target.HasConfig));
                    return delay;
            }
        }

        private TimeSpan Succeeded()
        {
            if (_failures > 0) Log.ConfigPollRecovered(_logger, _failures);
            _failures = 0;
            _unauthorizedReported = false;
            return RetryDelay.Jitter(_interval);
        }
    }
}
