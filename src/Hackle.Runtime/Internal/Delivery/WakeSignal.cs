using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Wakes the delivery loop early: producers set it when a batch is full, flushes and close when they
    /// need the loop now. Setting it is lock-free and costs one read when already set, so the
    /// enqueue path can call it freely.
    /// </summary>
    internal sealed class WakeSignal
    {
        private TaskCompletionSource<bool> _signal = NewSignal();
        private int _pending;

        /// <summary>Wakes the loop if it is waiting, or makes its next wait return at once.</summary>
        public void Set()
        {
            // Above a batch's worth, every enqueue calls this: a plain read first keeps them off the cache
            // line's exclusive ownership while the signal is already set. Seeing a stale 1 is harmless: the
            // producer's queue writes were fenced before this read, and Rearm's exchange fences before the
            // loop looks at the queue, so the loop sees the event if this producer missed the reset.
            if (Volatile.Read(ref _pending) != 0) return;
            if (Interlocked.Exchange(ref _pending, 1) == 0) Volatile.Read(ref _signal).TrySetResult(true);
        }

        /// <summary>
        /// Arms a fresh signal for the loop's next wait. Called before the loop checks for work: the
        /// exchange is a full fence, so a producer that set the old signal (and was ignored) made its
        /// event visible to those checks.
        /// </summary>
        public Task Rearm()
        {
            var signal = NewSignal();
            Volatile.Write(ref _signal, signal);
            Interlocked.Exchange(ref _pending, 0);
            return signal.Task;
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
