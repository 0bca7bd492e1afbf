using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal.Metrics;

namespace Hackle.Internal.Delivery
{
    /// <summary>Counts exposures on their way to whichever sink is in use, the HTTP delivery or the caller's own.</summary>
    internal sealed class MeteredEventSink : IHackleEventSink
    {
        private readonly IHackleEventSink _inner;
        private readonly HackleMetrics _metrics;

        public MeteredEventSink(IHackleEventSink inner, HackleMetrics metrics)
        {
            _inner = inner;
            _metrics = metrics;
        }

        public void Enqueue(UserEvent userEvent)
        {
            if (userEvent is ExposureEvent) _metrics.Exposure();
            _inner.Enqueue(userEvent);
        }

        public Task FlushAsync(CancellationToken cancellationToken = default) => _inner.FlushAsync(cancellationToken);

        public Task CloseAsync(CancellationToken cancellationToken = default) => _inner.CloseAsync(cancellationToken);
    }
}
