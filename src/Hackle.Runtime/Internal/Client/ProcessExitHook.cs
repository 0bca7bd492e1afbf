using System;
using System.Threading.Tasks;

namespace Hackle.Internal.Client
{
    /// <summary>
    /// Closes a client nobody closed when the process exits, within a short bound, so queued events are
    /// not lost (the guide's "call close at exit", done for the user). Removed again when the client closes.
    /// </summary>
    internal sealed class ProcessExitHook : IDisposable
    {
        private readonly Func<TimeSpan, Task> _close;
        private readonly TimeSpan _bound;
        private int _removed;

        public ProcessExitHook(Func<TimeSpan, Task> close, TimeSpan bound)
        {
            _close = close;
            _bound = bound;
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }

        private void OnProcessExit(object? sender, EventArgs e)
        {
            try
            {
                // The runtime gives exit handlers little time; never wait past the bound.
                _close(_bound).Wait(_bound + TimeSpan.FromMilliseconds(250));
            }
            catch (Exception)
            {
                // Nothing can be reported or retried this late.
            }
        }

        public void Dispose()
        {
            if (System.Threading.Interlocked.Exchange(ref _removed, 1) == 0)
                AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }
    }
}
