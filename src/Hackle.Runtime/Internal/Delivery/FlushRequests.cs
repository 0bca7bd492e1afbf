using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Callers of FlushAsync waiting for the loop. The loop notes how many wait before it sends, and
    /// completes only those once their events are settled, so a flush never waits for later events.
    /// </summary>
    internal sealed class FlushRequests
    {
        private readonly ConcurrentQueue<TaskCompletionSource<bool>> _waiters = new ConcurrentQueue<TaskCompletionSource<bool>>();

        /// <summary>Flushes waiting now.</summary>
        public int Count => _waiters.Count;

        /// <summary>A new flush request; its task completes when the loop has settled what was queued before it.</summary>
        public TaskCompletionSource<bool> Add()
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(done);
            return done;
        }

        /// <summary>Completes the <paramref name="count"/> oldest requests.</summary>
        public void Complete(int count)
        {
            for (var i = 0; i < count && _waiters.TryDequeue(out var waiter); i++) waiter.TrySetResult(true);
        }

        /// <summary>Completes every request (close: nothing more will be sent).</summary>
        public void CompleteAll() => Complete(int.MaxValue);
    }
}
