using System.Threading;
using System.Threading.Tasks;

namespace Hackle
{
    /// <summary>An event sink for offline use: events are counted, not sent.</summary>
    public sealed class DiscardingEventSink : IHackleEventSink, Internal.Delivery.IExposureSink, Internal.Delivery.ITrackSink
    {
        private readonly Internal.StripedCounter _discarded = new Internal.StripedCounter();

        /// <summary>How many events were discarded.</summary>
        public long DiscardedCount => _discarded.Read();

        /// <inheritdoc />
        public void Enqueue(UserEvent userEvent) => _discarded.Increment();

        // An exposure from a decision is counted without ever being made into an object.
        void Internal.Delivery.IExposureSink.EnqueueExposure(in Internal.Delivery.ExposureRecord exposure) => _discarded.Increment();

        // So is a tracked event.
        void Internal.Delivery.ITrackSink.EnqueueTrack(in Internal.Delivery.TrackRecord track) => _discarded.Increment();

        /// <inheritdoc />
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        /// <inheritdoc />
        public Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
