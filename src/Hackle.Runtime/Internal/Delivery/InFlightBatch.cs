using System.Collections.Generic;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>One batch on its way: its events, its send, and whether it holds a slot.</summary>
    internal sealed class InFlightBatch
    {
        public InFlightBatch(List<UserEvent> events) => Events = events;

        public List<UserEvent> Events { get; }

        /// <summary>The running send; completed until one starts.</summary>
        public Task Send { get; set; } = Task.CompletedTask;

        public bool HoldsSlot { get; set; }
    }
}
