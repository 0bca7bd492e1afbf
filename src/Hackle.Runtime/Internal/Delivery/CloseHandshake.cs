using System;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// How the delivery closes without losing count of an event. Closing shuts the queue's intake, which
    /// waits for the events admitted before to be written (<see cref="BoundedEventQueue.Close"/>: producers
    /// pay nothing per event for it), so an event that got in is in the queue before the loop drains it,
    /// and one that did not is refused and counted. Then <see cref="Stopping"/> tells the loop (and senders) to
    /// finish, and <see cref="Aborted"/> gives up on whatever is unsent when the close time limit passes.
    /// The close runs once; later calls share it. The token sources are never disposed: a send that
    /// outlives the close may still read them.
    /// </summary>
    internal sealed class CloseHandshake
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly CancellationTokenSource _aborted = new CancellationTokenSource();
        private readonly object _lock = new object();
        private Task? _close;
        private int _closed;

        /// <summary>True once closing began; new events are then dropped.</summary>
        public bool IsClosed => Volatile.Read(ref _closed) != 0;

        /// <summary>Cancelled when closing begins: the loop sends what is left and ends.</summary>
        public CancellationToken Stopping => _stopping.Token;

        /// <summary>Cancelled when the close time limit passes: sends in flight give up.</summary>
        public CancellationToken Aborted => _aborted.Token;

        /// <summary>The close under way, or null before one began.</summary>
        public Task? Closing
        {
            get { lock (_lock) return _close; }
        }

        /// <summary>Starts <paramref name="close"/> on the first call; every call returns that one close.</summary>
        public Task RunOnce(Func<Task> close)
        {
            lock (_lock)
            {
                return _close ??= close();
            }
        }

        /// <summary>Shuts <paramref name="queue"/>'s intake, waits for the events admitted before to be written (a few instructions each), then signals <see cref="Stopping"/>.</summary>
        public void Stop(BoundedEventQueue queue)
        {
            Interlocked.Exchange(ref _closed, 1);
            queue.Close();
            _stopping.Cancel();
        }

        /// <summary>Signals <see cref="Aborted"/>.</summary>
        public void Abort() => _aborted.Cancel();
    }
}
