using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal.Config;
using Hackle.Internal.Sync;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Client
{
    /// <summary>
    /// The workspace snapshot in force and the client's readiness. The poller writes through
    /// <see cref="IConfigSyncTarget"/>; decisions read <see cref="Current"/> (one volatile read, no lock), so
    /// they see the old or the new snapshot, never a mix. Readiness is settled once: true at the first
    /// snapshot, false when none can come (no source, a refused key, the client closed).
    /// </summary>
    internal sealed class WorkspaceSnapshotHolder : IConfigSyncTarget
    {
        private readonly ILogger _logger;
        private readonly TaskCompletionSource<bool> _ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile HackleWorkspace? _current;
        private long _confirmedAt;

        public WorkspaceSnapshotHolder(ILogger logger) => _logger = logger;

        /// <summary>The snapshot in force, or null before the first config.</summary>
        public HackleWorkspace? Current => _current;

        public bool HasConfig => _current != null;

        /// <summary>Puts <paramref name="workspace"/> in force and makes the client ready.</summary>
        public void Set(HackleWorkspace workspace)
        {
            _current = workspace ?? throw new ArgumentNullException(nameof(workspace));
            Interlocked.Exchange(ref _confirmedAt, Stopwatch.GetTimestamp());
            // Logged before readiness is signalled, so whoever waited for it sees what was dropped.
            Log.ConfigLoaded(_logger, workspace.ExperimentCount, workspace.FeatureFlagCount);
            DroppedItemsLog.Write(_logger, workspace);
            _ready.TrySetResult(true);
        }

        /// <summary>How long ago the snapshot in force was loaded or confirmed by the server; null before the first.</summary>
        public TimeSpan? Age()
        {
            var at = Interlocked.Read(ref _confirmedAt);
            if (at == 0) return null;
            return TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - at) / (double)Stopwatch.Frequency);
        }

        /// <summary>Waits until ready, for at most <paramref name="limit"/> (or until readiness is settled as false).</summary>
        public async Task<bool> WaitUntilReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
        {
            if (HasConfig) return true;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (limit != Timeout.InfiniteTimeSpan) wait.CancelAfter(limit);
                await AsyncHelpers.TryWaitAsync(_ready.Task, wait.Token).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return HasConfig;
        }

        /// <summary>No config can arrive any more (no source, or the client closed): release the waiters with what there is.</summary>
        public void SettleReadiness() => _ready.TrySetResult(HasConfig);

        void IConfigSyncTarget.Apply(HackleWorkspace workspace) => Set(workspace);

        void IConfigSyncTarget.Confirm() => Interlocked.Exchange(ref _confirmedAt, Stopwatch.GetTimestamp());

        // A refused key will not become ready by waiting: release the waiters now.
        void IConfigSyncTarget.Unauthorized() => SettleReadiness();
    }
}
