using System;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal;
using Hackle.Internal.Client;
using Hackle.Internal.Decisions;
using Hackle.Internal.Delivery;
using Hackle.Internal.Http;
using Hackle.Internal.Logging;
using Hackle.Internal.Metrics;
using Hackle.Internal.Sync;
using Hackle.Manifest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hackle
{
    /// <summary>
    /// The Hackle client. Create it once per process with <see cref="Create"/>; asking again with the
    /// same SDK key returns the same live instance. Decisions read an immutable workspace snapshot that
    /// is swapped atomically, take no lock, do no I/O and never throw. Unless offline, a background loop
    /// polls the config and another delivers events; creating the client never waits for the network.
    /// </summary>
    /// <remarks>
    /// This class puts the parts together and owns their lifetime: the process registry
    /// (<c>ClientRegistry</c>), the snapshot and readiness (<c>WorkspaceSnapshotHolder</c>, which the
    /// poller updates), the one decision pipeline (<c>DecisionPipeline</c>), and the event delivery.
    /// </remarks>
    public sealed class HackleClient : IHackleClient
    {
        /// <summary>The longest SDK key accepted.</summary>
        public const int MaxSdkKeyLength = 256;

        private readonly string _sdkKey;
        private readonly ILogger _logger;
        private readonly SecretRedactor _redactor;
        private readonly HackleMetrics _metrics;
        private readonly WorkspaceSnapshotHolder _snapshot;
        private readonly DecisionPipeline _decisions;
        private readonly MeteredEventSink _events;
        private readonly HackleHttpClient? _http;
        private readonly HttpEventDelivery? _delivery;
        private readonly WorkspacePoller? _poller;
        private readonly ProcessExitHook? _exitHook;
        private readonly TimeSpan _readyTimeout;
        private readonly TimeSpan _closeTimeout;
        private readonly object _closeLock = new object();
        private Task? _close;

        private HackleClient(string sdkKey, HackleClientOptions options)
        {
            _sdkKey = sdkKey;
            _redactor = new SecretRedactor(sdkKey);
            _logger = CreateLogger(options, _redactor);
            _snapshot = new WorkspaceSnapshotHolder(_logger, options.TimeProvider ?? TimeProvider.System);
            _metrics = new HackleMetrics(this, _snapshot.Age, _logger);
            _readyTimeout = options.ReadyTimeout;
            _closeTimeout = options.CloseTimeout;

            if (!options.Offline) _http = new HackleHttpClient(sdkKey, options);
            if (options.EventSink != null)
            {
                EventSink = options.EventSink;
            }
            else if (_http != null)
            {
                var sender = new EventBatchSender(_http, options, _logger, _redactor);
                EventSink = _delivery = new HttpEventDelivery(sender, new DeliveryCounters(_metrics), options, _logger, _redactor);
            }
            else
            {
                EventSink = new DiscardingEventSink();
            }
            _events = new MeteredEventSink(EventSink, _metrics, _logger, _redactor);
            _decisions = new DecisionPipeline(_snapshot, _events, _metrics, _logger);

            LoadBootstrapConfig(options);
            if (_http != null)
            {
                var fetcher = new WorkspaceFetcher(_http, options.SdkUrl, sdkKey, options.MaxConfigBytes, _redactor);
                _poller = new WorkspacePoller(fetcher, _snapshot, options, _metrics, _logger, _redactor);
            }
            else if (!_snapshot.HasConfig)
            {
                Log.NoConfigSource(_logger);
                _snapshot.SettleReadiness();
            }

            // Background work starts last, once every field is set.
            _delivery?.Start();
            _poller?.Start();
            if (_http != null || options.EventSink != null)
                _exitHook = new ProcessExitHook(CloseAsync, FlushAsync, options.ProcessExitTimeout);
            Log.ClientStarted(_logger, _http is null ? "offline" : "polling " + options.SdkUrl.Host + ", events to " + (_delivery is null ? "a custom sink" : options.EventUrl.Host));
        }

        private static ILogger CreateLogger(HackleClientOptions options, SecretRedactor redactor)
        {
            var standardError = options.LogToStandardError ? new StandardErrorLogger(options.StandardErrorOverride, redactor) : (ILogger)NullLogger.Instance;
            // The user's logger is wrapped once, here, so that no log call anywhere in the SDK can throw or leak the key.
            return options.LoggerFactory != null ? GuardedLogger.Create(options.LoggerFactory, standardError, redactor) : standardError;
        }

        private void LoadBootstrapConfig(HackleClientOptions options)
        {
            if (options.Workspace != null)
            {
                _snapshot.Set(options.Workspace);
            }
            else if (!string.IsNullOrWhiteSpace(options.ConfigFilePath))
            {
                var path = BootstrapConfigFile.Find(options.ConfigFilePath!, out var searched);
                if (path is null)
                {
                    // Logged as a rejected config (the same event as an unreadable file), naming every place looked at.
                    var missing = $"Workspace config file '{options.ConfigFilePath}' was not found (looked for {string.Join(", ", searched)}).";
                    Log.ConfigRejected(_logger, Log.Consequence(_snapshot.HasConfig), _redactor.Redact(missing));
                    return;
                }
                try
                {
                    _snapshot.Set(HackleWorkspace.Load(path));
                }
                catch (HackleConfigException e)
                {
                    Log.ConfigRejected(_logger, Log.Consequence(_snapshot.HasConfig), _redactor.Redact(e.Message));
                }
            }
        }

        /// <summary>
        /// Returns the live client of <paramref name="sdkKey"/>, creating it on first use. Creation never
        /// blocks on the network and never fails on a bad config file (the client then reports SDK_NOT_READY
        /// until a config arrives). Options are read once, when the client is created.
        /// </summary>
        /// <exception cref="ArgumentException">The SDK key is blank or malformed, or the options have problems (<see cref="HackleClientOptions.Validate"/>).</exception>
        public static HackleClient Create(string sdkKey, HackleClientOptions? options = null)
        {
            // Messages name the problem, never the key.
            if (string.IsNullOrWhiteSpace(sdkKey)) throw new ArgumentException("An SDK key is required.", nameof(sdkKey));
            if (!IsValidSdkKey(sdkKey))
                throw new ArgumentException($"The SDK key must be at most {MaxSdkKeyLength} printable ASCII characters without spaces.", nameof(sdkKey));
            options ??= new HackleClientOptions();
            var problems = options.Validate();
            if (problems.Count > 0) throw new ArgumentException("Invalid Hackle client options: " + string.Join(" ", problems), nameof(options));
            return ClientRegistry.GetOrCreate(sdkKey, options, (key, o) => new HackleClient(key, o));
        }

        /// <summary>
        /// True when <paramref name="sdkKey"/> can be an SDK key: non-blank printable ASCII without spaces,
        /// at most <see cref="MaxSdkKeyLength"/> characters (it travels in a header and a URL path).
        /// </summary>
        public static bool IsValidSdkKey(string? sdkKey) =>
            !string.IsNullOrEmpty(sdkKey) && sdkKey!.Length <= MaxSdkKeyLength && SdkInfo.IsHeaderSafe(sdkKey);

        /// <summary>
        /// The live client of this process, used by the generated typed accessors. When none exists it is
        /// a stand-in that returns defaults with SDK_NOT_READY and sends nothing. Inside a test's
        /// <see cref="Testing.HackleTestClient.UseAsCurrent"/> scope it is that test client, for that async flow only.
        /// </summary>
        public static IHackleClient Current => (IHackleClient?)ClientRegistry.Current ?? NotReadyClient.Instance;

        /// <summary>The event sink in use: the caller's, the HTTP delivery, or a discarding sink when offline.</summary>
        public IHackleEventSink EventSink { get; }

        /// <summary>
        /// Where every event went so far: received, sent, pending and dropped by cause. All zero when a
        /// custom <see cref="HackleClientOptions.EventSink"/> or offline mode replaces the HTTP delivery.
        /// Final once <see cref="Close"/>, Dispose or DisposeAsync has returned: Pending is then 0.
        /// </summary>
        public HackleEventStats EventStats => _delivery?.Stats ?? default;

        /// <inheritdoc />
        public bool IsReady => _snapshot.HasConfig;

        /// <summary>The workspace snapshot in force, or null before the first config.</summary>
        public HackleWorkspace? Workspace => _snapshot.Current;

        /// <inheritdoc />
        public async Task<bool> WaitUntilReadyAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            if (IsReady) return true;
            var limit = timeout ?? _readyTimeout;
            if (limit < TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must not be negative.");
            return await _snapshot.WaitUntilReadyAsync(limit, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Puts a new workspace snapshot in force. Readers see the old or the new one, never a mix.</summary>
        public void SetWorkspace(HackleWorkspace workspace) => _snapshot.Set(workspace);

        /// <summary>
        /// Parses <paramref name="json"/> and puts it in force. On an error the current config stays
        /// and <paramref name="error"/> says what is wrong and where.
        /// </summary>
        public bool TryLoadConfig(string json, out string? error)
        {
            if (json is null) { error = "The config JSON is null."; return false; }
            try
            {
                _snapshot.Set(HackleWorkspace.Parse(json));
                error = null;
                return true;
            }
            catch (HackleConfigException e)
            {
                Log.ConfigRejected(_logger, Log.Consequence(_snapshot.HasConfig), e.Message);
                error = e.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public Decision VariationDetail(long experimentKey, HackleUser user, string defaultVariation = "A")
        {
            var flow = new AbTestFlow(experimentKey, defaultVariation);
            return _decisions.Decide<AbTestFlow, Decision>(ref flow, user);
        }

        /// <inheritdoc />
        public FeatureFlagDecision FeatureFlagDetail(long featureKey, HackleUser user)
        {
            var flow = new FeatureFlagFlow(featureKey);
            return _decisions.Decide<FeatureFlagFlow, FeatureFlagDecision>(ref flow, user);
        }

        /// <inheritdoc />
        public RemoteConfigDecision<string> RemoteConfigDetail(string parameterKey, HackleUser user, string defaultValue)
        {
            var flow = new RemoteConfigFlow<string>(parameterKey, ConfigValueType.String, defaultValue);
            return _decisions.Decide<RemoteConfigFlow<string>, RemoteConfigDecision<string>>(ref flow, user);
        }

        /// <inheritdoc />
        public RemoteConfigDecision<double> RemoteConfigDetail(string parameterKey, HackleUser user, double defaultValue)
        {
            var flow = new RemoteConfigFlow<double>(parameterKey, ConfigValueType.Number, defaultValue);
            return _decisions.Decide<RemoteConfigFlow<double>, RemoteConfigDecision<double>>(ref flow, user);
        }

        /// <inheritdoc />
        public RemoteConfigDecision<bool> RemoteConfigDetail(string parameterKey, HackleUser user, bool defaultValue)
        {
            var flow = new RemoteConfigFlow<bool>(parameterKey, ConfigValueType.Boolean, defaultValue);
            return _decisions.Decide<RemoteConfigFlow<bool>, RemoteConfigDecision<bool>>(ref flow, user);
        }

        /// <inheritdoc />
        public void Track(HackleEvent hackleEvent, HackleUser user)
        {
            try
            {
                if (hackleEvent is null || string.IsNullOrEmpty(hackleEvent.Key)) { Log.TrackIgnored(_logger, "the event has no key"); return; }
                if (user is null || !user.HasIdentifiers) { Log.TrackIgnored(_logger, "the user has no identifier"); return; }
                var workspace = _snapshot.Current;
                var eventTypeId = workspace != null && workspace.EventTypes.TryGetValue(hackleEvent.Key, out var eventType) ? eventType.Id : 0L;
                _events.EnqueueTrack(new TrackRecord(hackleEvent, user, UserEvent.Now(), eventTypeId));
            }
            catch (Exception e)
            {
                Log.DecisionFailed(_logger, e, "track", hackleEvent?.Key ?? "(null)");
            }
        }

        /// <inheritdoc />
        public Task FlushAsync(CancellationToken cancellationToken = default) => _events.FlushAsync(cancellationToken);

        /// <inheritdoc />
        public void Close() => Dispose();

        /// <inheritdoc />
        public void Dispose()
        {
            // CloseAsync never throws and runs on the thread pool, so blocking here cannot deadlock on a sync context.
            CloseAsync(_closeTimeout).GetAwaiter().GetResult();
        }

        /// <inheritdoc />
        public ValueTask DisposeAsync() => new ValueTask(CloseAsync(_closeTimeout));

        /// <summary>Starts closing once; later calls share the first close (and its time limit).</summary>
        private Task CloseAsync(TimeSpan timeout)
        {
            lock (_closeLock)
            {
                if (_close != null) return _close;
                ClientRegistry.Remove(_sdkKey, this);
                return _close = Task.Run(() => CloseCoreAsync(timeout));
            }
        }

        private async Task CloseCoreAsync(TimeSpan timeout)
        {
            try
            {
                _exitHook?.Dispose();
                using var deadline = new CancellationTokenSource(timeout);
                if (_poller != null) await _poller.StopAsync(deadline.Token).ConfigureAwait(false);
                if (_delivery != null)
                {
                    // Bounded by the deadline itself; it returns once every event is counted as sent or dropped.
                    await _delivery.CloseAsync(deadline.Token).ConfigureAwait(false);
                }
                else if (!await AsyncHelpers.TryWaitAsync(_events.CloseAsync(deadline.Token), deadline.Token).ConfigureAwait(false))
                {
                    Log.CloseIncomplete(_logger, "the event sink did not close within " + timeout);
                }
            }
            catch (Exception e)
            {
                Log.CloseIncomplete(_logger, _redactor.Describe(e));
            }
            finally
            {
                _snapshot.SettleReadiness();
                _http?.Dispose();
                _metrics.Dispose();
            }
        }

        /// <inheritdoc />
        public override string ToString() => "HackleClient(ready: " + IsReady + ")";
    }
}
