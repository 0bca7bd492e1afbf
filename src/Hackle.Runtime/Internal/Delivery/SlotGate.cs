using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// The delivery slots: a counting gate like SemaphoreSlim, but a waiter resumes on the thread that frees the
    /// slot, not as a new thread-pool work item. The slot is freed as a send ends, so the delivery loop (the usual
    /// waiter) writes and starts its next batch right there: one thread hop less per batch when the slots are
    /// the bottleneck. Waiters are served first come, first served; a cancelled waiter leaves without a slot.
    /// Release is never called under a lock, so running the waiter inline cannot deadlock.
    /// </summary>
    internal sealed class SlotGate
    {
        private static readonly System.Action<object?> s_cancel = state => ((Waiter)state!).Cancel();

        private readonly object _lock = new object();
        private readonly LinkedList<Waiter> _waiters = new LinkedList<Waiter>();
        private int _free;

        public SlotGate(int slots) => _free = slots;

        /// <summary>Takes a slot, at once when one is free; else waits until one is released or <paramref name="cancellationToken"/> is cancelled.</summary>
        public Task WaitAsync(CancellationToken cancellationToken)
        {
            Waiter waiter;
            lock (_lock)
            {
                if (_free > 0 && _waiters.Count == 0)
                {
                    _free--;
                    return Task.CompletedTask;
                }
                if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
                waiter = new Waiter(this, cancellationToken);
                waiter.Node = _waiters.AddLast(waiter);
            }
            if (cancellationToken.CanBeCanceled) waiter.Registration = cancellationToken.Register(s_cancel, waiter);
            return waiter.Task;
        }

        /// <summary>Frees a slot: the longest waiter takes it and runs on, on this thread, before this returns.</summary>
        public void Release()
        {
            Waiter next;
            lock (_lock)
            {
                var first = _waiters.First;
                if (first is null)
                {
                    _free++;
                    return;
                }
                next = first.Value;
                _waiters.RemoveFirst();
                next.Node = null;
            }
            next.Registration.Dispose();
            next.TrySetResult(true);
        }

        /// <summary>A waiting taker; its continuation runs synchronously where the slot is handed over.</summary>
        private sealed class Waiter : TaskCompletionSource<bool>
        {
            private readonly SlotGate _gate;
            private readonly CancellationToken _token;

            public Waiter(SlotGate gate, CancellationToken token) : base(TaskCreationOptions.None)
            {
                _gate = gate;
                _token = token;
            }

            /// <summary>Its place in the queue while it waits; null once it was handed a slot or left.</summary>
            public LinkedListNode<Waiter>? Node;

            public CancellationTokenRegistration Registration;

            public void Cancel()
            {
                lock (_gate._lock)
                {
                    // Handed a slot already: the release completes it, and the slot is the waiter's.
                    if (Node is null) return;
                    _gate._waiters.Remove(Node);
                    Node = null;
                }
                TrySetCanceled(_token);
            }
        }
    }
}
