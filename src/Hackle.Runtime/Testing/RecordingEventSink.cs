using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Testing
{
    /// <summary>Keeps the events of a <see cref="HackleTestClient"/> in order, under a lock (tests are not the hot path).</summary>
    internal sealed class RecordingEventSink : IHackleEventSink
    {
        private readonly object _lock = new object();
        private readonly List<UserEvent> _events = new List<UserEvent>();

        public void Enqueue(UserEvent userEvent)
        {
            lock (_lock) _events.Add(userEvent);
        }

        /// <summary>A copy of the events of type <typeparamref name="T"/>, in order.</summary>
        public List<T> Snapshot<T>() where T : UserEvent
        {
            var copy = new List<T>();
            lock (_lock)
            {
                foreach (var e in _events)
                {
                    if (e is T typed) copy.Add(typed);
                }
            }
            return copy;
        }

        public void Clear()
        {
            lock (_lock) _events.Clear();
        }

        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
