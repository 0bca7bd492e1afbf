using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>The Meter named "Hackle": decisions, exposures, events by fate, polls by outcome, config age.</summary>
public sealed class MetricsTests
{
    /// <summary>Sums the measurements of one client's instruments by "name|tag=value,...".</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, double> _sums = new();

        public Recorder(object client)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Hackle" && ReferenceEquals(instrument.Meter.Scope, client)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var name = instrument.Name + "|" + string.Join(",", tags.ToArray().OrderBy(t => t.Key).Select(t => t.Key + "=" + t.Value));
            _sums.AddOrUpdate(name, value, (_, sum) => sum + value);
        }

        public double this[string name] => _sums.TryGetValue(name, out var sum) ? sum : 0;

        public double? Observe(string name)
        {
            _sums.TryRemove(name + "|", out _);
            _listener.RecordObservableInstruments();
            return _sums.TryGetValue(name + "|", out var value) ? value : null;
        }

        public void Dispose() => _listener.Dispose();
    }

    [Fact]
    public async Task The_Hackle_meter_counts_decisions_events_and_polls()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var options = TestClients.Options(server.Url);
        options.EventFlushInterval = TimeSpan.FromHours(1);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        using var metrics = new Recorder(client);
        Assert.True(await client.WaitUntilReadyAsync());

        for (var i = 0; i < 3; i++) client.FeatureFlagDetail(Configs.FlagKey, TestClients.User(i));
        client.VariationDetail(12345, TestClients.User());
        client.Track(new HackleEvent("purchase"), TestClients.User());
        await client.FlushAsync();
        server.ScriptEvents(FakeHackleServer.Status(400));
        client.Track(new HackleEvent("purchase"), TestClients.User());
        await client.FlushAsync();
        await Eventually.HoldsAsync(() => metrics["hackle.config.polls|outcome=not_modified"] >= 1, "a 304 poll is counted");

        Assert.Equal(3, metrics["hackle.decisions|kind=feature_flag,reason=DEFAULT_RULE"]);
        Assert.Equal(1, metrics["hackle.decisions|kind=ab_test,reason=EXPERIMENT_NOT_FOUND"]);
        Assert.Equal(3, metrics["hackle.exposures|"]);
        Assert.Equal(5, metrics["hackle.events.queued|"]);
        Assert.Equal(4, metrics["hackle.events.sent|"]);
        Assert.Equal(1, metrics["hackle.events.dropped|cause=rejected"]);
        var age = metrics.Observe("hackle.config.age");
        Assert.NotNull(age);
        Assert.InRange(age.Value, 0, 60);
    }
}
