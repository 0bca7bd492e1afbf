using System;
using System.Threading;
using System.Threading.Tasks;
#if NET8_0_OR_GREATER
using System.Runtime.InteropServices;
#endif

namespace Hackle.Internal.Client
{
    /// <summary>
    /// Sends queued events when the process is about to end without the client being closed (the guide's
    /// "call close at exit", done for the user), within a short bound. Removed again when the client closes.
    /// <list type="bullet">
    /// <item>Process exit (Main returned, Environment.Exit): closes the client.</item>
    /// <item>SIGTERM, SIGINT (Ctrl-C) and SIGQUIT, net8.0 build only: flushes. Since .NET 10 the runtime no
    /// longer turns SIGTERM into a process exit, so without this a container stop lost every queued event.
    /// The signal is never cancelled: after the flush the app's own handlers and the default action decide,
    /// as before. It flushes rather than closes because an app (the generic host, for one) may cancel the
    /// signal and keep serving during a graceful shutdown, and its events must still be accepted.</item>
    /// </list>
    /// </summary>
    internal sealed class ProcessExitHook : IDisposable
    {
        private static readonly TimeSpan s_grace = TimeSpan.FromMilliseconds(250);

        private readonly Func<TimeSpan, Task> _close;
        private readonly Func<CancellationToken, Task> _flush;
        private readonly TimeSpan _bound;
#if NET8_0_OR_GREATER
        private readonly PosixSignalRegistration[] _signals;
#endif
        private int _removed;

        /// <summary>Closes at process exit and flushes on a termination signal, each within <paramref name="bound"/>.</summary>
        public ProcessExitHook(Func<TimeSpan, Task> close, Func<CancellationToken, Task> flush, TimeSpan bound)
        {
            _close = close;
            _flush = flush;
            _bound = bound;
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
#if NET8_0_OR_GREATER
            _signals = RegisterSignals(OnTerminationSignal);
#endif
        }

        private void OnProcessExit(object? sender, EventArgs e)
        {
            try
            {
                // The runtime gives exit handlers little time; never wait past the bound.
                _close(_bound).Wait(_bound + s_grace);
            }
            catch (Exception)
            {
                // Nothing can be reported or retried this late.
            }
        }

#if NET8_0_OR_GREATER
        private static PosixSignalRegistration[] RegisterSignals(Action<PosixSignalContext> handler)
        {
            var signals = new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT };
            var registrations = new PosixSignalRegistration[signals.Length];
            var count = 0;
            foreach (var signal in signals)
            {
                try
                {
                    registrations[count] = PosixSignalRegistration.Create(signal, handler);
                    count++;
                }
                catch (Exception)
                {
                    // Browsers and some mobile targets cannot watch signals (PlatformNotSupportedException), and
                    // creating a client must not fail over it: process exit still closes the client.
                }
            }
            if (count < registrations.Length) Array.Resize(ref registrations, count);
            return registrations;
        }

        private void OnTerminationSignal(PosixSignalContext context)
        {
            // Runs on a thread of its own, before the default action (ending the process), which waits for it:
            // the bound is all the signal's effect is delayed by. context.Cancel is left as the app set it.
            if (Volatile.Read(ref _removed) != 0) return;
            try
            {
                var deadline = new CancellationTokenSource(_bound);
                var flush = _flush(deadline.Token);
                flush.ContinueWith((_, state) => ((CancellationTokenSource)state!).Dispose(), deadline,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                // An app handler that ran first and cancelled the signal keeps the process alive (a graceful
                // shutdown): the flush goes on in the background and its shutdown is not held up.
                if (context.Cancel) return;
                flush.Wait(_bound + s_grace);
            }
            catch (Exception)
            {
                // A failed flush is counted by the delivery; the signal must go on either way.
            }
        }
#endif

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _removed, 1) != 0) return;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
#if NET8_0_OR_GREATER
            foreach (var registration in _signals) registration.Dispose();
#endif
        }
    }
}
