using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Callers of FlushAsync waiting for the loop. The loop notes how many wait before it sends, takes
    /// those out, and completes them once the batches in flight at that moment are settled, so a flush
    /// never waits for later events and the loop never waits for a flush.
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

        /// <summary>Takes the <paramref name="count"/> oldest requests out, for the caller to complete once their events are settled.</summary>
        public List<TaskCompletionSource<bool>> Take(int count)
        {
            var taken = new List<TaskCompletionSource<bool>>(count);
            for (var i = 0; i < count && _waiters.TryDequeue(out var waiter); i++) taken.Add(waiter);
            return taken;
        }

        /// <summary>Completes every request still waiting (close: nothing more will be sent).</summary>
        public void CompleteAll()
        {
            while (_waiters.TryDequeue(out var waiter)) waiter.TrySetResult(true);
        }
    }
}
