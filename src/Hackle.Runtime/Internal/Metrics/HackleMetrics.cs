using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using Hackle.Internal.Http;

namespace Hackle.Internal.Metrics
{
    /// <summary>
    /// The instruments of one client, on a Meter named "Hackle" whose <see cref="Meter.Scope"/> is the
    /// client (so listeners can tell clients apart). Recording is allocation-free and costs a flag check
    /// when nobody listens, so it may sit on the decision path.
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

        public HackleMetrics(object scope, Func<TimeSpan?> configAge)
        {
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

        public void Decision(string kind, DecisionReason reason)
        {
            if (!_decisions.Enabled) return;
            _decisions.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason.ToWireName()));
        }

        public void Exposure() => _exposures.Add(1);

        public void Queued() => _queued.Add(1);

        public void Sent(int count) => _sent.Add(count);

        public void Dropped(int count, string cause)
        {
            if (count > 0) _dropped.Add(count, new KeyValuePair<string, object?>("cause", cause));
        }

        public void Poll(string outcome) => _polls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

        public void Dispose() => _meter.Dispose();
    }
}
