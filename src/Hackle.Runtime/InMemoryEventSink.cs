using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal.Delivery;

namespace Hackle
{
    /// <summary>
    /// Keeps every event in memory, in order. For tests and offline tools; a service that wants events
    /// delivered uses the HTTP pipeline instead.
    /// </summary>
    public sealed class InMemoryEventSink : IHackleEventSink
    {
        private readonly ConcurrentQueue<UserEvent> _events = new ConcurrentQueue<UserEvent>();

        /// <summary>A snapshot of the events received so far.</summary>
        public IReadOnlyList<UserEvent> Events => _events.ToArray();

        /// <summary>The number of events received so far.</summary>
        public int Count => _events.Count;

        /// <inheritdoc />
        public void Enqueue(UserEvent userEvent) => _events.Enqueue(userEvent);

        /// <summary>Removes and returns every event received so far.</summary>
        public IReadOnlyList<UserEvent> Drain()
        {
            var drained = new List<UserEvent>();
            while (_events.TryDequeue(out var e)) drained.Add(e);
            return drained;
        }

        /// <summary>The events received so far as the JSON body of <c>POST /api/v2/events</c>.</summary>
        public string ToPayloadJson() => EventPayloadWriter.ToJson(Events);

        /// <inheritdoc />
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        /// <inheritdoc />
        public Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
