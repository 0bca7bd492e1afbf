using System;
using System.Threading;

namespace Hackle.Internal.Http
{
    /// <summary>
    /// A token cancelled when the caller's token is, or when the request timeout passes on the client's clock.
    /// A caller whose own token is not cancelled knows it was the timeout.
    /// </summary>
    internal sealed class RequestDeadline : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private readonly ITimer? _timer;

        public RequestDeadline(CancellationToken cancellationToken, TimeSpan timeout, TimeProvider clock)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The system clock keeps the cheaper built-in timer; any other clock times the request itself.
            if (ReferenceEquals(clock, TimeProvider.System)) _source.CancelAfter(timeout);
            else _timer = clock.CreateTimer(s_cancel, _source, timeout, Timeout.InfiniteTimeSpan);
        }

        private static readonly TimerCallback s_cancel = state =>
        {
            try
            {
                ((CancellationTokenSource)state!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The request ended as the timer fired.
            }
        };

        public CancellationToken Token => _source.Token;

        public void Dispose()
        {
            _timer?.Dispose();
            _source.Dispose();
        }
    }
}
