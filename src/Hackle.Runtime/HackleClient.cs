using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ValueType = Hackle.Internal.Model.ValueType;

namespace Hackle
{
    /// <summary>
    /// The Hackle client. Create it once per process with <see cref="Create"/>; asking again with the
    /// same SDK key returns the same live instance. Decisions read an immutable workspace snapshot that
    /// is swapped atomically, take no lock, do no I/O and never throw.
    /// </summary>
    public sealed class HackleClient : IHackleClient
    {
        private static readonly object s_registryLock = new object();
        private static readonly Dictionary<string, HackleClient> s_clients = new Dictionary<string, HackleClient>(StringComparer.Ordinal);
        private static volatile HackleClient? s_current;

        private readonly string _sdkKey;
        private readonly ILogger _logger;
        private readonly IHackleEventSink _events;
        private volatile HackleWorkspace? _workspace;
        private int _closed;

        private HackleClient(string sdkKey, HackleClientOptions options)
        {
            _sdkKey = sdkKey;
            _logger = options.LoggerFactory?.CreateLogger("Hackle") ?? (ILogger)NullLogger.Instance;
            _events = options.EventSink ?? new DiscardingEventSink();
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
                    Log.ConfigRejected(_logger, e.Message);
                }
            }
            else
            {
                Log.NoConfigSource(_logger);
            }
        }

        /// <summary>
        /// Returns the live client of <paramref name="sdkKey"/>, creating it on first use. Creation never
        /// blocks on the network and never fails on a bad config file (the client then reports SDK_NOT_READY).
        /// </summary>
        /// <exception cref="ArgumentException">The SDK key is null or blank.</exception>
        public static HackleClient Create(string sdkKey, HackleClientOptions? options = null)
        {
            if (string.IsNullOrWhiteSpace(sdkKey)) throw new ArgumentException("An SDK key is required.", nameof(sdkKey));
            lock (s_registryLock)
            {
                if (s_clients.TryGetValue(sdkKey, out var existing)) return existing;
                var client = new HackleClient(sdkKey, options ?? new HackleClientOptions());
                s_clients[sdkKey] = client;
                s_current = client;
                return client;
            }
        }

        /// <summary>
        /// The live client of this process, used by the generated typed accessors. When none exists it is
        /// a stand-in that returns defaults with SDK_NOT_READY and sends nothing.
        /// </summary>
        public static IHackleClient Current => (IHackleClient?)s_current ?? NotReadyClient.Instance;

        /// <summary>The event sink in use.</summary>
        public IHackleEventSink EventSink => _events;

        /// <inheritdoc />
        public bool IsReady => _workspace != null;

        /// <summary>The workspace snapshot in force, or null before the first config.</summary>
        public HackleWorkspace? Workspace => _workspace;

        /// <summary>Puts a new workspace snapshot in force. Readers see the old or the new one, never a mix.</summary>
        public void SetWorkspace(HackleWorkspace workspace)
        {
            _workspace = workspace ?? throw new ArgumentNullException(nameof(workspace));
            Log.ConfigLoaded(_logger, workspace.ExperimentCount, workspace.FeatureFlagCount);
        }

        /// <summary>
        /// Parses <paramref name="json"/> and puts it in force. On an error the current config stays
        /// and <paramref name="error"/> says what is wrong and where.
        /// </summary>
        public bool TryLoadConfig(string json, out string? error)
        {
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
            RemoteConfigDetail(parameterKey, user, ValueType.String, defaultValue, out var value) is var reason && value is string s
                ? new RemoteConfigDecision<string>(s, reason)
                : new RemoteConfigDecision<string>(defaultValue, reason);

        /// <inheritdoc />
        public RemoteConfigDecision<double> RemoteConfigDetail(string parameterKey, HackleUser user, double defaultValue) =>
            RemoteConfigDetail(parameterKey, user, ValueType.Number, defaultValue, out var value) is var reason && value is double d
                ? new RemoteConfigDecision<double>(d, reason)
                : new RemoteConfigDecision<double>(defaultValue, reason);

        /// <inheritdoc />
        public RemoteConfigDecision<bool> RemoteConfigDetail(string parameterKey, HackleUser user, bool defaultValue) =>
            RemoteConfigDetail(parameterKey, user, ValueType.Boolean, defaultValue, out var value) is var reason && value is bool b
                ? new RemoteConfigDecision<bool>(b, reason)
                : new RemoteConfigDecision<bool>(defaultValue, reason);

        private DecisionReason RemoteConfigDetail(string parameterKey, HackleUser user, ValueType type, object defaultValue, out object? value)
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
            try
            {
                DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                Log.CloseIncomplete(_logger, e.Message);
            }
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
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
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _events.CloseAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.CloseIncomplete(_logger, e.Message);
            }
        }

        /// <inheritdoc />
        public override string ToString() => "HackleClient(ready: " + IsReady + ")";
    }
}
