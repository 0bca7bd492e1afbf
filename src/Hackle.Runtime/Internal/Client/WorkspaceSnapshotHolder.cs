using System;
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
    /// they see the old or the new snapshot, never a mix. A wait for readiness ends true at the first
    /// snapshot; it ends false at once while the server refuses the key (waiting would not help), and for
    /// good once no config can come (no source, the client closed). A refusal is not for good: once the
    /// server answers otherwise, waits wait for the config again.
    /// </summary>
    internal sealed class WorkspaceSnapshotHolder : IConfigSyncTarget
    {
        private readonly ILogger _logger;
        /// <summary>The client's clock: the config's age is measured on it.</summary>
        private readonly TimeProvider _clock;
        private readonly object _readinessLock = new object();
        private TaskCompletionSource<bool> _ready = NewReadiness();
        private bool _refused;
        private bool _settled;
        private volatile HackleWorkspace? _current;
        private long _confirmedAt = NeverConfirmed;
        private const long NeverConfirmed = long.MinValue;

        public WorkspaceSnapshotHolder(ILogger logger, TimeProvider clock)
        {
            _logger = logger;
            _clock = clock;
        }

        /// <summary>The snapshot in force, or null before the first config.</summary>
        public HackleWorkspace? Current => _current;

        public bool HasConfig => _current != null;

        /// <summary>Puts <paramref name="workspace"/> in force and makes the client ready.</summary>
        public void Set(HackleWorkspace workspace)
        {
            if (workspace is null) throw new ArgumentNullException(nameof(workspace));
            var previous = _current;
            // Logged before the snapshot is published and readiness signalled: whoever sees the client ready
            // (HasConfig, or the readiness task) also sees what this config dropped.
            Log.ConfigLoaded(_logger, workspace.ExperimentCount, workspace.FeatureFlagCount);
            if (previous != null && ItemCount(workspace) == 0 && ItemCount(previous) > 0)
                Log.ConfigEmptied(_logger, previous.ExperimentCount, previous.FeatureFlagCount, previous.RemoteConfigParameters.Count);
            DroppedItemsLog.Write(_logger, workspace);
            _current = workspace;
            Interlocked.Exchange(ref _confirmedAt, _clock.GetTimestamp());
            TaskCompletionSource<bool> ready;
            lock (_readinessLock) ready = _ready;
            ready.TrySetResult(true);
        }

        private static int ItemCount(HackleWorkspace workspace) =>
            workspace.ExperimentCount + workspace.FeatureFlagCount + workspace.RemoteConfigParameters.Count;

        /// <summary>How long ago the snapshot in force was loaded or confirmed by the server; null before the first.</summary>
        public TimeSpan? Age()
        {
            var at = Interlocked.Read(ref _confirmedAt);
            if (at == NeverConfirmed) return null;
            return _clock.GetElapsedTime(at);
        }

        /// <summary>Waits until ready, for at most <paramref name="limit"/> (or until readiness is settled as false).</summary>
        public async Task<bool> WaitUntilReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
        {
            if (HasConfig) return true;
            Task ready;
            lock (_readinessLock)
            {
                if (_refused || _settled) return HasConfig;
                ready = _ready.Task;
            }
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (limit != Timeout.InfiniteTimeSpan) wait.CancelAfter(limit);
                await AsyncHelpers.TryWaitAsync(ready, wait.Token).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return HasConfig;
        }

        /// <summary>No config can arrive any more (no source, or the client closed): release the waiters with what there is.</summary>
        public void SettleReadiness()
        {
            TaskCompletionSource<bool> ready;
            lock (_readinessLock)
            {
                _settled = true;
                ready = _ready;
            }
            ready.TrySetResult(HasConfig);
        }

        void IConfigSyncTarget.Apply(HackleWorkspace workspace) => Set(workspace);

        void IConfigSyncTarget.Confirm() => Interlocked.Exchange(ref _confirmedAt, _clock.GetTimestamp());

        // A refused key will not become ready by waiting: release the waiters now, and answer new waits at
        // once until the server says otherwise. Later waiters get a fresh signal, so the refusal is not for good.
        void IConfigSyncTarget.Unauthorized()
        {
            TaskCompletionSource<bool> released;
            lock (_readinessLock)
            {
                if (_settled || HasConfig) return;
                _refused = true;
                released = _ready;
                _ready = NewReadiness();
            }
            released.TrySetResult(false);
        }

        void IConfigSyncTarget.KeyNotRefused()
        {
            lock (_readinessLock) _refused = false;
        }

        private static TaskCompletionSource<bool> NewReadiness() =>
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
