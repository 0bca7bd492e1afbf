using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Hackle.Internal;
using Hackle.Internal.Client;
using Hackle.Internal.Decisions;
using Hackle.Internal.Metrics;
using Hackle.Internal.Model;
using Hackle.Manifest;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hackle.Testing
{
    /// <summary>
    /// An <see cref="IHackleClient"/> for tests. Each decision comes from, in order: a value the test forced
    /// (<see cref="ForceVariation(long, string)"/>, <see cref="ForceFeature(long, bool)"/>,
    /// <see cref="SetRemoteConfig(string, string)"/>, or the typed <c>Force</c> of the generated classes); else the
    /// workspace given to the constructor, evaluated by the real evaluator; else the caller's default with the reason
    /// the real client gives for a key it does not know (EXPERIMENT_NOT_FOUND, FEATURE_FLAG_NOT_FOUND,
    /// REMOTE_CONFIG_PARAMETER_NOT_FOUND). It records every exposure, remote-config evaluation and tracked event in
    /// the real client's event model, sends nothing, is always ready, and is safe to use from many threads.
    /// </summary>
    /// <remarks>
    /// Forced reasons are the ones the real client gives for an override: OVERRIDDEN for an A/B test,
    /// INDIVIDUAL_TARGET_MATCH for a flag, TARGET_RULE_MATCH for a parameter. A force for a user or a predicate beats a
    /// force for everyone; among forces of the same kind the latest wins. Make it the client of the static accessors
    /// for one async flow with <see cref="UseAsCurrent"/>.
    /// </remarks>
    public sealed class HackleTestClient : IHackleClient
    {
        private readonly ForcedValues<long> _variations = new ForcedValues<long>();
        private readonly ForcedValues<long> _features = new ForcedValues<long>();
        private readonly ForcedValues<string> _parameters = new ForcedValues<string>(StringComparer.Ordinal);
        private readonly RecordingEventSink _recorded = new RecordingEventSink();
        private readonly HackleMetrics? _metrics;
        private readonly DecisionPipeline? _evaluator;
        private readonly object _errorsLock = new object();
        private readonly List<Exception> _predicateErrors = new List<Exception>();

        /// <summary>Creates a test client.</summary>
        /// <param name="workspace">A workspace to evaluate with the real evaluator when nothing is forced (for example
        /// <c>HackleWorkspace.Load("hackle.flags.json")</c>); null to decide only from forced values and defaults.</param>
        public HackleTestClient(HackleWorkspace? workspace = null)
        {
            Workspace = workspace;
            if (workspace is null) return;
            var snapshot = new WorkspaceSnapshotHolder(NullLogger.Instance, TimeProvider.System);
            snapshot.Set(workspace);
            _metrics = new HackleMetrics(this, snapshot.Age);
            _evaluator = new DecisionPipeline(snapshot, _recorded, _metrics, NullLogger.Instance);
        }

        /// <summary>
        /// Makes <paramref name="client"/> the client of the static accessors (<see cref="HackleClient.Current"/>) for
        /// the current async flow and the tasks it starts, until the returned scope is disposed. Other flows (parallel
        /// tests) keep their own client, and outside any scope <see cref="HackleClient.Current"/> is the real one.
        /// Open and dispose the scope in the same method: a scope opened inside an awaited helper ends when it returns.
        /// </summary>
        /// <param name="client">The test client.</param>
        /// <returns>The scope; disposing it restores the previous client of this flow.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
        public static IDisposable UseAsCurrent(HackleTestClient client)
        {
            if (client is null) throw new ArgumentNullException(nameof(client));
            return ClientRegistry.BeginScope(client);
        }

        /// <summary>The workspace evaluated when nothing is forced, or null.</summary>
        public HackleWorkspace? Workspace { get; }

        /// <summary>Every exposure recorded so far (A/B tests and flags, nested targeting included), in order.</summary>
        public RecordedExposures Exposures => new RecordedExposures(_recorded.Snapshot<ExposureEvent>());

        /// <summary>Every <see cref="IHackleClient.Track"/> recorded so far, in order.</summary>
        public RecordedTracks TrackedEvents => new RecordedTracks(_recorded.Snapshot<TrackEvent>());

        /// <summary>Every remote-config evaluation recorded so far, in order.</summary>
        public IReadOnlyList<RemoteConfigEvent> RemoteConfigEvaluations => _recorded.Snapshot<RemoteConfigEvent>();

        /// <summary>Every event recorded so far, in order, as the real client would have queued them.</summary>
        public IReadOnlyList<UserEvent> Events => _recorded.Snapshot<UserEvent>();

        /// <summary>Exceptions thrown by force predicates; such a force is treated as not matching.</summary>
        public IReadOnlyList<Exception> PredicateErrors
        {
            get { lock (_errorsLock) return _predicateErrors.ToArray(); }
        }

        /// <summary>Forces the variation of an A/B test for every user.</summary>
        /// <param name="experimentKey">The experiment key.</param>
        /// <param name="variationKey">The variation key, "A".."J".</param>
        /// <returns>This client, to chain calls.</returns>
        /// <exception cref="ArgumentException"><paramref name="variationKey"/> is not one of "A".."J".</exception>
        public HackleTestClient ForceVariation(long experimentKey, string variationKey) => ForceVariationCore(experimentKey, variationKey, null);

        /// <summary>Forces the variation of an A/B test for one user (matched on id, user id or device id).</summary>
        /// <exception cref="ArgumentException"><paramref name="variationKey"/> is not one of "A".."J".</exception>
        /// <exception cref="ArgumentNullException"><paramref name="userId"/> is null.</exception>
        public HackleTestClient ForceVariation(long experimentKey, string variationKey, string userId) =>
            ForceVariationCore(experimentKey, variationKey, ForUser(userId));

        /// <summary>Forces the variation of an A/B test for the users <paramref name="when"/> accepts.</summary>
        /// <exception cref="ArgumentException"><paramref name="variationKey"/> is not one of "A".."J".</exception>
        /// <exception cref="ArgumentNullException"><paramref name="when"/> is null.</exception>
        public HackleTestClient ForceVariation(long experimentKey, string variationKey, Func<HackleUser, bool> when) =>
            ForceVariationCore(experimentKey, variationKey, when ?? throw new ArgumentNullException(nameof(when)));

        /// <summary>Forces a feature flag on or off for every user.</summary>
        /// <param name="featureKey">The flag key.</param>
        /// <param name="isOn">True for on.</param>
        /// <returns>This client, to chain calls.</returns>
        public HackleTestClient ForceFeature(long featureKey, bool isOn)
        {
            _features.Add(featureKey, isOn, null);
            return this;
        }

        /// <summary>Forces a feature flag on or off for one user (matched on id, user id or device id).</summary>
        /// <exception cref="ArgumentNullException"><paramref name="userId"/> is null.</exception>
        public HackleTestClient ForceFeature(long featureKey, bool isOn, string userId)
        {
            _features.Add(featureKey, isOn, ForUser(userId));
            return this;
        }

        /// <summary>Forces a feature flag on or off for the users <paramref name="when"/> accepts.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="when"/> is null.</exception>
        public HackleTestClient ForceFeature(long featureKey, bool isOn, Func<HackleUser, bool> when)
        {
            _features.Add(featureKey, isOn, when ?? throw new ArgumentNullException(nameof(when)));
            return this;
        }

        /// <summary>Sets a STRING (or JSON) remote-config parameter for every user.</summary>
        /// <param name="parameterKey">The parameter key.</param>
        /// <param name="value">The value.</param>
        /// <returns>This client, to chain calls.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="parameterKey"/> or <paramref name="value"/> is null.</exception>
        public HackleTestClient SetRemoteConfig(string parameterKey, string value) => SetParameter(parameterKey, Checked(value), null);

        /// <summary>Sets a STRING (or JSON) remote-config parameter for the users <paramref name="when"/> accepts.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public HackleTestClient SetRemoteConfig(string parameterKey, string value, Func<HackleUser, bool> when) =>
            SetParameter(parameterKey, Checked(value), when ?? throw new ArgumentNullException(nameof(when)));

        /// <summary>Sets a NUMBER remote-config parameter for every user.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="parameterKey"/> is null.</exception>
        public HackleTestClient SetRemoteConfig(string parameterKey, double value) => SetParameter(parameterKey, value, null);

        /// <summary>Sets a NUMBER remote-config parameter for the users <paramref name="when"/> accepts.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public HackleTestClient SetRemoteConfig(string parameterKey, double value, Func<HackleUser, bool> when) =>
            SetParameter(parameterKey, value, when ?? throw new ArgumentNullException(nameof(when)));

        /// <summary>Sets a BOOLEAN remote-config parameter for every user.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="parameterKey"/> is null.</exception>
        public HackleTestClient SetRemoteConfig(string parameterKey, bool value) => SetParameter(parameterKey, value, null);

        /// <summary>Sets a BOOLEAN remote-config parameter for the users <paramref name="when"/> accepts.</summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public HackleTestClient SetRemoteConfig(string parameterKey, bool value, Func<HackleUser, bool> when) =>
            SetParameter(parameterKey, value, when ?? throw new ArgumentNullException(nameof(when)));

        /// <summary>Forgets the forces of one A/B test.</summary>
        public void ResetVariation(long experimentKey) => _variations.Remove(experimentKey);

        /// <summary>Forgets the forces of one feature flag.</summary>
        public void ResetFeature(long featureKey) => _features.Remove(featureKey);

        /// <summary>Forgets the values set for one remote-config parameter.</summary>
        public void ResetRemoteConfig(string parameterKey) => _parameters.Remove(parameterKey);

        /// <summary>Forgets every force and every recorded event.</summary>
        public void Reset()
        {
            _variations.Clear();
            _features.Clear();
            _parameters.Clear();
            ClearRecorded();
        }

        /// <summary>Forgets the recorded events (and predicate errors), keeping the forces.</summary>
        public void ClearRecorded()
        {
            _recorded.Clear();
            lock (_errorsLock) _predicateErrors.Clear();
        }

        /// <summary>Always true: forced values need no config.</summary>
        public bool IsReady => true;

        /// <summary>Returns true at once.</summary>
        public Task<bool> WaitUntilReadyAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(true);
        }

        /// <inheritdoc />
        public Decision VariationDetail(long experimentKey, HackleUser user, string defaultVariation = "A")
        {
            if (!IsUsable(user)) return new Decision(defaultVariation ?? "A", DecisionReason.InvalidInput);
            if (TryForced(_variations, experimentKey, user, out var forced))
            {
                var key = (string)forced!;
                Experiment? found = null;
                Workspace?.Experiments.TryGetValue(experimentKey, out found);
                _recorded.Enqueue(ForcedDecisionEvents.Exposure(user, UserEvent.Now(), experimentKey, false, key, DecisionReason.Overridden, found));
                return new Decision(key, DecisionReason.Overridden, found?.GetVariation(key)?.Config);
            }
            if (_evaluator != null)
            {
                var flow = new AbTestFlow(experimentKey, defaultVariation);
                return _evaluator.Decide<AbTestFlow, Decision>(ref flow, user);
            }
            return new Decision(defaultVariation ?? "A", DecisionReason.ExperimentNotFound);
        }

        /// <inheritdoc />
        public FeatureFlagDecision FeatureFlagDetail(long featureKey, HackleUser user)
        {
            if (!IsUsable(user)) return new FeatureFlagDecision(false, DecisionReason.InvalidInput);
            if (TryForced(_features, featureKey, user, out var forced))
            {
                var isOn = (bool)forced!;
                // A flag's variations are A (off) and B (on).
                var key = isOn ? "B" : "A";
                Experiment? found = null;
                Workspace?.FeatureFlags.TryGetValue(featureKey, out found);
                _recorded.Enqueue(ForcedDecisionEvents.Exposure(user, UserEvent.Now(), featureKey, true, key, DecisionReason.IndividualTargetMatch, found));
                return new FeatureFlagDecision(isOn, DecisionReason.IndividualTargetMatch, found?.GetVariation(key)?.Config);
            }
            if (_evaluator != null)
            {
                var flow = new FeatureFlagFlow(featureKey);
                return _evaluator.Decide<FeatureFlagFlow, FeatureFlagDecision>(ref flow, user);
            }
            return new FeatureFlagDecision(false, DecisionReason.FeatureFlagNotFound);
        }

        /// <inheritdoc />
        public RemoteConfigDecision<string> RemoteConfigDetail(string parameterKey, HackleUser user, string defaultValue) =>
            DecideParameter(parameterKey, user, ConfigValueType.String, defaultValue);

        /// <inheritdoc />
        public RemoteConfigDecision<double> RemoteConfigDetail(string parameterKey, HackleUser user, double defaultValue) =>
            DecideParameter(parameterKey, user, ConfigValueType.Number, defaultValue);

        /// <inheritdoc />
        public RemoteConfigDecision<bool> RemoteConfigDetail(string parameterKey, HackleUser user, bool defaultValue) =>
            DecideParameter(parameterKey, user, ConfigValueType.Boolean, defaultValue);

        /// <summary>Records the event as the real client would queue it (its type id from the workspace, else 0); ignores an event without a key or a user without an identifier, as the real client does.</summary>
        public void Track(HackleEvent hackleEvent, HackleUser user)
        {
            if (hackleEvent is null || string.IsNullOrEmpty(hackleEvent.Key) || !IsUsable(user)) return;
            var eventTypeId = Workspace != null && Workspace.EventTypes.TryGetValue(hackleEvent.Key, out var eventType) ? eventType.Id : 0L;
            _recorded.Enqueue(EventFactory.Track(hackleEvent, user, UserEvent.Now(), eventTypeId));
        }

        /// <summary>Nothing to send: completes at once.</summary>
        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        /// <summary>Releases the evaluator's meter. Recorded events and forces stay, so a test can assert after its host stopped; decisions keep working.</summary>
        public void Close() => _metrics?.Dispose();

        /// <inheritdoc cref="Close" />
        public void Dispose() => Close();

        /// <inheritdoc cref="Close" />
        public ValueTask DisposeAsync()
        {
            Close();
            return default;
        }

        /// <summary>A short description for test output.</summary>
        public override string ToString() => "HackleTestClient(" + (Workspace is null ? "forced values only" : "forced values, then the workspace") + ")";

        private HackleTestClient ForceVariationCore(long experimentKey, string variationKey, Func<HackleUser, bool>? when)
        {
            // The SDK's own rule: one letter A..J, lower case accepted and upper-cased.
            if (variationKey is null || !VariationKey.TryNormalize(variationKey, out var normalized))
                throw new ArgumentException("A variation key is one letter from \"A\" to \"J\"; got " + (variationKey is null ? "null" : "\"" + variationKey + "\"") + ".", nameof(variationKey));
            _variations.Add(experimentKey, normalized, when);
            return this;
        }

        private HackleTestClient SetParameter(string parameterKey, object value, Func<HackleUser, bool>? when)
        {
            if (parameterKey is null) throw new ArgumentNullException(nameof(parameterKey));
            _parameters.Add(parameterKey, value, when);
            return this;
        }

        private RemoteConfigDecision<T> DecideParameter<T>(string parameterKey, HackleUser user, ConfigValueType requested, T defaultValue)
        {
            if (parameterKey is null || !IsUsable(user)) return new RemoteConfigDecision<T>(defaultValue, DecisionReason.InvalidInput);
            if (TryForced(_parameters, parameterKey, user, out var forced))
            {
                RemoteConfigParameter? found = null;
                Workspace?.RemoteConfigParameters.TryGetValue(parameterKey, out found);
                var matches = forced is T;
                var value = matches ? (T)forced! : defaultValue;
                // A value of another type than asked for is what the real client calls TYPE_MISMATCH.
                var reason = matches ? DecisionReason.TargetRuleMatch : DecisionReason.TypeMismatch;
                _recorded.Enqueue(ForcedDecisionEvents.RemoteConfig(user, UserEvent.Now(), parameterKey, TypeOf(forced!), requested,
                    defaultValue!, value!, reason, found));
                return new RemoteConfigDecision<T>(value, reason);
            }
            if (_evaluator != null)
            {
                var flow = new RemoteConfigFlow<T>(parameterKey, requested, defaultValue);
                return _evaluator.Decide<RemoteConfigFlow<T>, RemoteConfigDecision<T>>(ref flow, user);
            }
            return new RemoteConfigDecision<T>(defaultValue, DecisionReason.RemoteConfigParameterNotFound);
        }

        private static string Checked(string value) => value ?? throw new ArgumentNullException(nameof(value));

        private static ConfigValueType TypeOf(object value) =>
            value is double ? ConfigValueType.Number : value is bool ? ConfigValueType.Boolean : ConfigValueType.String;

        private bool TryForced<TKey>(ForcedValues<TKey> forces, TKey key, HackleUser user, out object? value) where TKey : notnull
        {
            var found = forces.TryGet(key, user, out value, out var error);
            if (error != null)
            {
                lock (_errorsLock) _predicateErrors.Add(error);
            }
            return found;
        }

        // The real client refuses a missing user or one without any identifier with INVALID_INPUT, before any lookup.
        private static bool IsUsable(HackleUser? user) => user != null && user.HasIdentifiers;

        private static Func<HackleUser, bool> ForUser(string userId)
        {
            if (userId is null) throw new ArgumentNullException(nameof(userId));
            return user => RecordedUsers.Matches(user, userId);
        }
    }
}
