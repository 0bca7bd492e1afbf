using System;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal.Metrics;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Counts exposures on their way to whichever sink is in use, the HTTP delivery or the caller's own,
    /// and contains a sink that throws: a custom sink is user code, and nothing it does may reach the
    /// decision path or hang a flush or close. Its first failure is logged; the rest only counted.
    /// Exposures and tracks pass through as values to the SDK's own sinks that take them and become objects
    /// only for the others.
    /// </summary>
    internal sealed class MeteredEventSink : IHackleEventSink, IExposureSink, ITrackSink
    {
        private readonly IHackleEventSink _inner;
        private readonly IExposureSink _exposures;
        /// <summary>The inner sink when it takes tracks as values; null when it gets <see cref="TrackEvent"/> objects.</summary>
        private readonly ITrackSink? _tracks;
        private readonly HackleMetrics _metrics;
        private readonly ILogger _logger;
        private readonly SecretRedactor _redactor;
        private long _failures;

        public MeteredEventSink(IHackleEventSink inner, HackleMetrics metrics, ILogger logger, SecretRedactor redactor)
        {
            _inner = inner;
            _exposures = MaterializingExposureSink.For(inner);
            _tracks = inner as ITrackSink;
            _metrics = metrics;
            _logger = logger;
            _redactor = redactor;
        }

        /// <summary>How many times the sink threw.</summary>
        public long Failures => Interlocked.Read(ref _failures);

        public void Enqueue(UserEvent userEvent)
        {
            if (userEvent is ExposureEvent) _metrics.Exposure();
            try
            {
                _inner.Enqueue(userEvent);
            }
            catch (Exception e)
            {
                Failed(nameof(Enqueue), e);
            }
        }

        public void EnqueueExposure(in ExposureRecord exposure)
        {
            _metrics.Exposure();
            try
            {
                _exposures.EnqueueExposure(exposure);
            }
            catch (Exception e)
            {
                Failed(nameof(Enqueue), e);
            }
        }

        public void EnqueueTrack(in TrackRecord track)
        {
            try
            {
                if (_tracks != null) _tracks.EnqueueTrack(track);
                else _inner.Enqueue(track.ToEvent());
            }
            catch (Exception e)
            {
                Failed(nameof(Enqueue), e);
            }
        }

        public Task FlushAsync(CancellationToken cancellationToken = default) => ContainAsync(nameof(FlushAsync), () => _inner.FlushAsync(cancellationToken));

        public Task CloseAsync(CancellationToken cancellationToken = default) => ContainAsync(nameof(CloseAsync), () => _inner.CloseAsync(cancellationToken));

        private async Task ContainAsync(string operation, Func<Task> call)
        {
            try
            {
                await call().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The caller's cancellation (or the sink's) is an answer, not a failure.
                throw;
            }
            catch (Exception e)
            {
                Failed(operation, e);
            }
        }

        private void Failed(string operation, Exception e)
        {
            if (Interlocked.Increment(ref _failures) != 1) return;
            try
            {
                Log.EventSinkFailed(_logger, operation, _redactor.Describe(e));
            }
            catch (Exception)
            {
                // A logger that throws as well must not undo the containment.
            }
        }
    }
}
