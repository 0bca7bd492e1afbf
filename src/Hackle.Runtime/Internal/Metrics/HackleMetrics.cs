using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using Hackle.Internal.Http;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Metrics
{
    /// <summary>
    /// The instruments of one client, on a Meter named "Hackle" whose <see cref="Meter.Scope"/> is the
    /// client (so listeners can tell clients apart). Recording is allocation-free and costs a flag check
    /// when nobody listens, so it may sit on the decision path.
    /// A MeterListener's callback runs inside <c>Add</c>, so a listener that throws would throw out of the
    /// decision path, or out of the delivery between counting a batch and freeing its slot. Every
    /// recording therefore contains the listener's exceptions: the first is logged, all are counted in
    /// <see cref="ListenerFailures"/>, and the SDK carries on.
    /// </summary>
    internal sealed class HackleMetrics : IDisposable
    {
        public const string MeterName = "Hackle";

        public const string KindAbTest = "ab_test";
        public const string KindFeatureFlag = "feature_flag";
        public const string KindRemoteConfig = "remote_config";

        private readonly Meter _meter;
        private readonly Counter<long> _decisions;
        private readonly Counter<long> _exposures;
        private readonly Counter<long> _queued;
        private readonly Counter<long> _sent;
        private readonly Counter<long> _dropped;
        private readonly Counter<long> _polls;
        private readonly ILogger? _logger;
        private long _listenerFailures;

        public HackleMetrics(object scope, Func<TimeSpan?> configAge, ILogger? logger = null)
        {
            _logger = logger;
            _meter = new Meter(MeterName, SdkInfo.AssemblyVersion, null, scope);
            _decisions = _meter.CreateCounter<long>("hackle.decisions", "{decision}", "Decisions made, by kind and reason.");
            _exposures = _meter.CreateCounter<long>("hackle.exposures", "{event}", "Exposure events created.");
            _queued = _meter.CreateCounter<long>("hackle.events.queued", "{event}", "Events accepted into the delivery queue.");
            _sent = _meter.CreateCounter<long>("hackle.events.sent", "{event}", "Events the event server accepted.");
            _dropped = _meter.CreateCounter<long>("hackle.events.dropped", "{event}", "Events dropped, by cause.");
            _polls = _meter.CreateCounter<long>("hackle.config.polls", "{poll}", "Config polls, by outcome.");
            _meter.CreateObservableGauge("hackle.config.age", () => ObserveAge(configAge), "s",
                "Seconds since the config in force was loaded or last confirmed by the server.");
        }

        private static IEnumerable<Measurement<double>> ObserveAge(Func<TimeSpan?> configAge) =>
            configAge() is TimeSpan age ? new[] { new Measurement<double>(age.TotalSeconds) } : Array.Empty<Measurement<double>>();

        /// <summary>How many times a listener threw while a measurement was recorded.</summary>
        public long ListenerFailures => Interlocked.Read(ref _listenerFailures);

        public void Decision(string kind, DecisionReason reason)
        {
            if (!_decisions.Enabled) return;
            try
            {
                _decisions.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason.ToWireName()));
            }
            catch (Exception e)
            {
                ListenerFailed(e);
            }
        }

        public void Exposure() => Add(_exposures, 1);

        public void Queued() => Add(_queued, 1);

        public void Sent(int count) => Add(_sent, count);

        public void Dropped(int count, string cause)
        {
            if (count > 0) Add(_dropped, count, new KeyValuePair<string, object?>("cause", cause));
        }

        public void Poll(string outcome) => Add(_polls, 1, new KeyValuePair<string, object?>("outcome", outcome));

        private void Add(Counter<long> counter, long value)
        {
            if (!counter.Enabled) return;
            try
            {
                counter.Add(value);
            }
            catch (Exception e)
            {
                ListenerFailed(e);
            }
        }

        private void Add(Counter<long> counter, long value, KeyValuePair<string, object?> tag)
        {
            if (!counter.Enabled) return;
            try
            {
                counter.Add(value, tag);
            }
            catch (Exception e)
            {
                ListenerFailed(e);
            }
        }

        private void ListenerFailed(Exception e)
        {
            if (Interlocked.Increment(ref _listenerFailures) != 1 || _logger is null) return;
            try
            {
                Log.MetricListenerFailed(_logger, e.GetType().Name + ": " + e.Message);
            }
            catch (Exception)
            {
                // The logger failing too must not turn a contained failure into a thrown one.
            }
        }

        public void Dispose() => _meter.Dispose();
    }
}
