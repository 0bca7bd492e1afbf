using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal;
using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Http;
using Hackle.Internal.Metrics;
using Hackle.Internal.Model;
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
    public sealed class HackleClient : IHackleClient, IConfigSyncTarget
    {
        /// <summary>The longest SDK key accepted.</summary>
        public const int MaxSdkKeyLength = 256;

        private static readonly object s_registryLock = new object();
        private static readonly Dictionary<string, HackleClient> s_clients = new Dictionary<string, HackleClient>(StringComparer.Ordinal);
        private static volatile HackleClient? s_current;

        private readonly string _sdkKey;
        private readonly ILogger _logger;
        private readonly SecretRedactor _redactor;
        private readonly HackleMetrics _metrics;
        private readonly IHackleEventSink _events;
        private readonly HackleHttpClient? _http;
        private readonly HttpEventDelivery? _delivery;
        private readonly WorkspacePoller? _poller;
        private readonly ProcessExitHook? _exitHook;
        private readonly TimeSpan _readyTimeout;
        private readonly TimeSpan _closeTimeout;
        private readonly TaskCompletionSource<bool> _ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _closeLock = new object();
        private volatile HackleWorkspace? _workspace;
        private long _confirmedAt;
        private Task? _close;

        private HackleClient(string sdkKey, HackleClientOptions options)
        {
            _sdkKey = sdkKey;
            _logger = options.LoggerFactory?.CreateLogger("Hackle") ?? (ILogger)NullLogger.Instance;
            _redactor = new SecretRedactor(sdkKey);
            _metrics = new HackleMetrics(this, ConfigAge);
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
            _events = new MeteredEventSink(EventSink, _metrics);

            LoadBootstrapConfig(options);
            if (_http != null)
            {
                var fetcher = new WorkspaceFetcher(_http, options.SdkUrl, sdkKey, options.MaxConfigBytes, _redactor);
                _poller = new WorkspacePoller(fetcher, this, options, _metrics, _logger, _redactor);
            }
            else if (_workspace is null)
            {
                Log.NoConfigSource(_logger);
                _ready.TrySetResult(false);
            }

            // Background work starts last, once every field is set.
            _delivery?.Start();
            _poller?.Start();
            if (_http != null || options.EventSink != null)
                _exitHook = new ProcessExitHook(CloseAsync, FlushAsync, options.ProcessExitTimeout);
            Log.ClientStarted(_logger, _http is null ? "offline" : "polling " + options.SdkUrl.Host + ", events to " + (_delivery is null ? "a custom sink" : options.EventUrl.Host));
        }

        private void LoadBootstrapConfig(HackleClientOptions options)
        {
            if (options.Workspace != null)
            {
                SetWorkspace(options.Workspace);
            }
            else if (options.ConfigFilePath != null)
            {
                try
                {
                    SetWorkspace(HackleWorkspace.Load(options.ConfigFilePath));
                }
                catch (HackleConfigException e)
                {
                    Log.ConfigRejected(_logger, _redactor.Redact(e.Message));
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
            lock (s_registryLock)
            {
                if (s_clients.TryGetValue(sdkKey, out var existing)) return existing;
                var client = new HackleClient(sdkKey, options);
                s_clients[sdkKey] = client;
                s_current = client;
                return client;
            }
        }

        /// <summary>
        /// True when <paramref name="sdkKey"/> can be an SDK key: non-blank printable ASCII without spaces,
        /// at most <see cref="MaxSdkKeyLength"/> characters (it travels in a header and a URL path).
        /// </summary>
        public static bool IsValidSdkKey(string? sdkKey) =>
            !string.IsNullOrEmpty(sdkKey) && sdkKey!.Length <= MaxSdkKeyLength && SdkInfo.IsHeaderSafe(sdkKey);

        /// <summary>
        /// The live client of this process, used by the generated typed accessors. When none exists it is
        /// a stand-in that returns defaults with SDK_NOT_READY and sends nothing.
        /// </summary>
        public static IHackleClient Current => (IHackleClient?)s_current ?? NotReadyClient.Instance;

        /// <summary>The event sink in use: the caller's, the HTTP delivery, or a discarding sink when offline.</summary>
        public IHackleEventSink EventSink { get; }

        /// <summary>
        /// Where every event went so far: received, sent, pending and dropped by cause. All zero when a
        /// custom <see cref="HackleClientOptions.EventSink"/> or offline mode replaces the HTTP delivery.
        /// </summary>
        public HackleEventStats EventStats => _delivery?.Stats ?? default;

        /// <inheritdoc />
        public bool IsReady => _workspace != null;

        /// <summary>The workspace snapshot in force, or null before the first config.</summary>
        public HackleWorkspace? Workspace => _workspace;

        /// <inheritdoc />
        public async Task<bool> WaitUntilReadyAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            if (IsReady) return true;
            var limit = timeout ?? _readyTimeout;
            if (limit < TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must not be negative.");
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (limit != Timeout.InfiniteTimeSpan) wait.CancelAfter(limit);
                await AsyncHelpers.TryWaitAsync(_ready.Task, wait.Token).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return IsReady;
        }

        private TimeSpan? ConfigAge()
        {
            var at = Interlocked.Read(ref _confirmedAt);
            if (at == 0) return null;
            return TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - at) / (double)Stopwatch.Frequency);
        }

        void IConfigSyncTarget.Apply(HackleWorkspace workspace) => SetWorkspace(workspace);

        void IConfigSyncTarget.Confirm() => Interlocked.Exchange(ref _confirmedAt, Stopwatch.GetTimestamp());

        void IConfigSyncTarget.Unauthorized()
        {
            // A refused key will not become ready by waiting: release the waiters now.
            if (_workspace is null) _ready.TrySetResult(false);
        }

        /// <summary>Puts a new workspace snapshot in force. Readers see the old or the new one, never a mix.</summary>
        public void SetWorkspace(HackleWorkspace workspace)
        {
            _workspace = workspace ?? throw new ArgumentNullException(nameof(workspace));
            Interlocked.Exchange(ref _confirmedAt, Stopwatch.GetTimestamp());
            _ready.TrySetResult(true);
            Log.ConfigLoaded(_logger, workspace.ExperimentCount, workspace.FeatureFlagCount);
            Internal.Config.DroppedItemsLog.Write(_logger, workspace);
        }

        /// <summary>
        /// Parses <paramref name="json"/> and puts it in force. On an error the current config stays
        /// and <paramref name="error"/> says what is wrong and where.
        /// </summary>
        public bool TryLoadConfig(string json, out string? error)
        {
            if (json is null) { error = "The config JSON is null."; return false; }
            try
            {
                SetWorkspace(HackleWorkspace.Parse(json));
                error = null;
                return true;
            }
            catch (HackleConfigException e)
            {
                Log.ConfigRejected(_logger, e.Message);
                error = e.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public Decision VariationDetail(long experimentKey, HackleUser user, string defaultVariation = "A")
        {
            var decision = DecideVariation(experimentKey, user, defaultVariation);
            _metrics.Decision(HackleMetrics.KindAbTest, decision.Reason);
            return decision;
        }

        private Decision DecideVariation(long experimentKey, HackleUser user, string defaultVariation)
        {
            defaultVariation ??= ExperimentEvaluator.ControlKey;
            try
            {
                if (user is null || !user.HasIdentifiers) return new Decision(defaultVariation, DecisionReason.InvalidInput);
                var workspace = _workspace;
                if (workspace is null) return new Decision(defaultVariation, DecisionReason.SdkNotReady);
                if (!workspace.Experiments.TryGetValue(experimentKey, out var experiment))
                    return new Decision(defaultVariation, DecisionReason.ExperimentNotFound);

                var evaluation = Evaluate(workspace, experiment, user, defaultVariation);
                return new Decision(VariationKeys.Normalize(evaluation.VariationKey), evaluation.Reason, evaluation.Config);
            }
            catch (Exception e)
            {
                Log.DecisionFailed(_logger, e, "A/B test", experimentKey.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return new Decision(defaultVariation, DecisionReason.Exception);
            }
        }

        /// <inheritdoc />
        public FeatureFlagDecision FeatureFlagDetail(long featureKey, HackleUser user)
        {
            var decision = DecideFeatureFlag(featureKey, user);
            _metrics.Decision(HackleMetrics.KindFeatureFlag, decision.Reason);
            return decision;
        }

        private FeatureFlagDecision DecideFeatureFlag(long featureKey, HackleUser user)
        {
            try
            {
                if (user is null || !user.HasIdentifiers) return new FeatureFlagDecision(false, DecisionReason.InvalidInput);
                var workspace = _workspace;
                if (workspace is null) return new FeatureFlagDecision(false, DecisionReason.SdkNotReady);
                if (!workspace.FeatureFlags.TryGetValue(featureKey, out var flag))
                    return new FeatureFlagDecision(false, DecisionReason.FeatureFlagNotFound);

                var evaluation = Evaluate(workspace, flag, user, ExperimentEvaluator.ControlKey);
                var key = VariationKeys.Normalize(evaluation.VariationKey);
                return new FeatureFlagDecision(!TargetMatcher.IsControl(key), evaluation.Reason, evaluation.Config);
            }
            catch (Exception e)
            {
                Log.DecisionFailed(_logger, e, "feature flag", featureKey.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return new FeatureFlagDecision(false, DecisionReason.Exception);
            }
        }

        private Evaluation Evaluate(HackleWorkspace workspace, Experiment experiment, HackleUser user, string defaultKey)
        {
            var scope = new EvaluationScope(workspace, user, experiment);
            var evaluation = ExperimentEvaluator.Evaluate(ref scope, experiment, defaultKey);
            var timestamp = UserEvent.Now();
            _events.Enqueue(EventFactory.Exposure(evaluation, user, timestamp, null, null));
            EventFactory.PublishTargets(_events, ref scope, timestamp, EventFactory.RootExperiment, experiment.Id);
            return evaluation;
        }

        /// <inheritdoc />
        public RemoteConfigDecision<string> RemoteConfigDetail(string parameterKey, HackleUser user, string defaultValue) =>
            RemoteConfigDetail(parameterKey, user, ConfigValueType.String, defaultValue, out var value) is var reason && value is string s
                ? new RemoteConfigDecision<string>(s, reason)
                : new RemoteConfigDecision<string>(defaultValue, reason);

        /// <inheritdoc />
        public RemoteConfigDecision<double> RemoteConfigDetail(string parameterKey, HackleUser user, double defaultValue) =>
            RemoteConfigDetail(parameterKey, user, ConfigValueType.Number, defaultValue, out var value) is var reason && value is double d
                ? new RemoteConfigDecision<double>(d, reason)
                : new RemoteConfigDecision<double>(defaultValue, reason);

        /// <inheritdoc />
        public RemoteConfigDecision<bool> RemoteConfigDetail(string parameterKey, HackleUser user, bool defaultValue) =>
            RemoteConfigDetail(parameterKey, user, ConfigValueType.Boolean, defaultValue, out var value) is var reason && value is bool b
                ? new RemoteConfigDecision<bool>(b, reason)
                : new RemoteConfigDecision<bool>(defaultValue, reason);

        private DecisionReason RemoteConfigDetail(string parameterKey, HackleUser user, ConfigValueType type, object defaultValue, out object? value)
        {
            var reason = DecideRemoteConfig(parameterKey, user, type, defaultValue, out value);
            _metrics.Decision(HackleMetrics.KindRemoteConfig, reason);
            return reason;
        }

        private DecisionReason DecideRemoteConfig(string parameterKey, HackleUser user, ConfigValueType type, object defaultValue, out object? value)
        {
            value = defaultValue;
            try
            {
                if (user is null || !user.HasIdentifiers || parameterKey is null) return DecisionReason.InvalidInput;
                var workspace = _workspace;
                if (workspace is null) return DecisionReason.SdkNotReady;
                if (!workspace.RemoteConfigParameters.TryGetValue(parameterKey, out var parameter))
                    return DecisionReason.RemoteConfigParameterNotFound;

                var scope = new EvaluationScope(workspace, user, null);
                var evaluation = RemoteConfigEvaluator.Evaluate(ref scope, parameter, type, defaultValue);
                var timestamp = UserEvent.Now();
                _events.Enqueue(new RemoteConfigEvent(user, timestamp)
                {
                    ParameterId = parameter.Id,
                    ParameterKey = parameter.Key,
                    ParameterType = EventFactory.ValueTypeName(parameter.Type),
                    ValueId = evaluation.ValueId,
                    Reason = evaluation.Reason,
                    RequestValueType = EventFactory.ValueTypeName(type),
                    RequestDefaultValue = defaultValue,
                    TargetRuleKey = evaluation.Rule?.Key,
                    TargetRuleName = evaluation.Rule?.Name,
                    ReturnValue = evaluation.Value,
                });
                EventFactory.PublishTargets(_events, ref scope, timestamp, EventFactory.RootRemoteConfig, parameter.Id);
                value = evaluation.Value;
                return evaluation.Reason;
            }
            catch (Exception e)
            {
                Log.DecisionFailed(_logger, e, "remote config", parameterKey ?? "(null)");
                value = defaultValue;
                return DecisionReason.Exception;
            }
        }

        /// <inheritdoc />
        public void Track(HackleEvent hackleEvent, HackleUser user)
        {
            try
            {
                if (hackleEvent is null || string.IsNullOrEmpty(hackleEvent.Key)) { Log.TrackIgnored(_logger, "the event has no key"); return; }
                if (user is null || !user.HasIdentifiers) { Log.TrackIgnored(_logger, "the user has no identifier"); return; }
                var workspace = _workspace;
                var eventTypeId = workspace != null && workspace.EventTypes.TryGetValue(hackleEvent.Key, out var eventType) ? eventType.Id : 0L;
                _events.Enqueue(new TrackEvent(user, UserEvent.Now(), eventTypeId, hackleEvent));
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
                Unregister();
                return _close = Task.Run(() => CloseCoreAsync(timeout));
            }
        }

        private void Unregister()
        {
            lock (s_registryLock)
            {
                if (s_clients.TryGetValue(_sdkKey, out var registered) && ReferenceEquals(registered, this)) s_clients.Remove(_sdkKey);
                if (ReferenceEquals(s_current, this))
                {
                    HackleClient? next = null;
                    foreach (var live in s_clients.Values) next = live;
                    s_current = next;
                }
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
                    // Bounded by the deadline itself; it counts whatever it could not send.
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
                _ready.TrySetResult(IsReady);
                _http?.Dispose();
                _metrics.Dispose();
            }
        }

        /// <inheritdoc />
        public override string ToString() => "HackleClient(ready: " + IsReady + ")";
    }
}
