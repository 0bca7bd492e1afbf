using System.Threading;
using System.Threading.Tasks;

namespace Hackle
{
    /// <summary>An event sink for offline use: events are counted, not sent.</summary>
    public sealed class DiscardingEventSink : IHackleEventSink
    {
        private long _discarded;

        /// <summary>How many events were discarded.</summary>
        public long DiscardedCount => Interlocked.Read(ref _discarded);

        /// <inheritdoc />
        public void Enqueue(UserEvent userEvent) => Interlocked.Increment(ref _discarded);

        /// <inheritdoc />
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        /// <inheritdoc />
        public Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
