using System.Threading;
using System.Threading.Tasks;

namespace Hackle
{
    /// <summary>Where the client sends exposure, track and remote-config events.</summary>
    public interface IHackleEventSink
    {
        /// <summary>Accepts an event. Must never block the caller or throw.</summary>
        void Enqueue(UserEvent userEvent);

        /// <summary>Sends what is buffered.</summary>
        Task FlushAsync(CancellationToken cancellationToken = default);

        /// <summary>Sends what is buffered and stops; later events are refused (and counted).</summary>
        Task CloseAsync(CancellationToken cancellationToken = default);
    }
}
