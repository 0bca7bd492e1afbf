using System;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal
{
    /// <summary>Waiting helpers that netstandard2.0 lacks (Task.WaitAsync, Task.Delay on a TimeProvider).</summary>
    internal static class AsyncHelpers
    {
        /// <summary>
        /// Waits for <paramref name="task"/> until <paramref name="cancellationToken"/> is cancelled; returns
        /// whether the task finished. Never throws: the task's own failure is left for its owner to observe.
        /// </summary>
        public static async Task<bool> TryWaitAsync(Task task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted) return true;
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(false)))
            {
                await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false);
            }
            return task.IsCompleted;
        }

        /// <summary>Like <see cref="TryWaitAsync(Task, CancellationToken)"/> with a time limit instead of a token.</summary>
        public static async Task<bool> TryWaitAsync(Task task, TimeSpan timeout)
        {
            if (task.IsCompleted) return true;
            using var source = new CancellationTokenSource(timeout);
            return await TryWaitAsync(task, source.Token).ConfigureAwait(false);
        }

        /// <summary>Task.Delay timed by <paramref name="clock"/>: a fake clock completes it only when advanced past it.</summary>
        public static Task Delay(TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
        {
#if NET8_0_OR_GREATER
            return Task.Delay(delay, clock, cancellationToken);
#else
            return clock.Delay(delay, cancellationToken);
#endif
        }

        /// <summary><see cref="Delay"/> that reports cancellation as false instead of throwing.</summary>
        public static async Task<bool> DelayAsync(TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
        {
            try
            {
                await Delay(delay, clock, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
