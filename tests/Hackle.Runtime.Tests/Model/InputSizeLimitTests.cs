using System.Text.Json;
using Hackle;
using Hackle.Internal;

namespace Hackle.Runtime.Tests.Model;

/// <summary>
/// Size limits on user input (issue 12, item 11): what one user or event can put on the wire is bounded,
/// and whatever goes over a limit is dropped and counted, never thrown.
/// </summary>
public class InputSizeLimitTests
{
    [Fact]
    public void At_most_128_custom_identifiers_are_kept()
    {
        var before = InputDrops.Count(InputDrops.IdentifierCountLimit);
        var user = new HackleUser("main");
        for (var i = 0; i < 10_001; i++) user.Identifiers["type" + i] = "value" + i;

        Assert.Equal(HackleIdentifiers.MaxCount, user.Identifiers.Count);
        Assert.Equal(10_001 - HackleIdentifiers.MaxCount, user.Identifiers.DroppedCount);
        Assert.True(user.Identifiers.ContainsKey("type0"));
        Assert.False(user.Identifiers.ContainsKey("type128"));
        Assert.True(InputDrops.Count(InputDrops.IdentifierCountLimit) - before >= 10_001 - HackleIdentifiers.MaxCount);
        user.Identifiers["type0"] = "replaced"; // replacing a kept type is still allowed when full
        Assert.Equal("replaced", user.Identifiers["type0"]);
        Assert.Equal(10_001 - HackleIdentifiers.MaxCount, user.Identifiers.DroppedCount);
    }

    [Fact]
    public void A_user_with_10001_identifiers_sends_a_bounded_event()
    {
        var user = new HackleUser("main");
        for (var i = 0; i < 10_001; i++) user.Identifiers["type" + i] = new string('v', HackleIdentifiers.MaxValueLength);
        using var t = new TestClient(Config.Workspace().ToJsonString());

        t.Client.Track(new HackleEvent("purchase"), user);

        var payload = t.Events.ToPayloadJson();
        using var json = JsonDocument.Parse(payload);
        var identifiers = json.RootElement.GetProperty("trackEvents")[0].GetProperty("identifiers");
        Assert.Equal(HackleIdentifiers.MaxCount + 1, identifiers.EnumerateObject().Count()); // plus $id
        Assert.True(payload.Length < 100_000, $"payload of {payload.Length} characters");
    }

    [Fact]
    public void Invalid_identifiers_are_counted()
    {
        var before = InputDrops.Count(InputDrops.IdentifierInvalid);
        var user = new HackleUser("   ") { UserId = new string('x', 513), DeviceId = null, Identifiers = { ["blank"] = "" } };

        Assert.False(user.HasIdentifiers);
        Assert.Equal(1, user.Identifiers.DroppedCount);
        Assert.True(InputDrops.Count(InputDrops.IdentifierInvalid) - before >= 3); // the null DeviceId clears, it is no drop
    }

    [Fact]
    public void An_event_key_over_the_limit_is_dropped_and_the_event_is_not_sent()
    {
        var before = InputDrops.Count(InputDrops.EventKeyTooLong);
        var atLimit = new HackleEvent(new string('k', HackleEvent.MaxKeyLength));
        var megabyte = new HackleEvent(new string('k', 1 << 20));
        using var t = new TestClient(Config.Workspace().ToJsonString());

        t.Client.Track(megabyte, new HackleUser("u"));
        t.Client.Track(atLimit, new HackleUser("u"));

        Assert.Equal("", megabyte.Key);
        var sent = Assert.IsType<TrackEvent>(Assert.Single(t.Events.Events));
        Assert.Same(atLimit, sent.Event);
        Assert.True(InputDrops.Count(InputDrops.EventKeyTooLong) > before);
    }

    [Fact]
    public void A_collection_of_100000_elements_does_not_reach_the_payload()
    {
        var user = new HackleUser("u") { Properties = { ["big"] = Enumerable.Range(0, 100_000).ToList(), ["small"] = new[] { 1, 2 } } };
        using var t = new TestClient(Config.Workspace().ToJsonString());

        t.Client.Track(new HackleEvent("e") { Properties = { ["big"] = new string[100_000] } }, user);

        using var json = JsonDocument.Parse(t.Events.ToPayloadJson());
        var track = json.RootElement.GetProperty("trackEvents")[0];
        Assert.False(track.GetProperty("userProperties").TryGetProperty("big", out _));
        Assert.Equal(2, track.GetProperty("userProperties").GetProperty("small").GetArrayLength());
        Assert.False(track.GetProperty("properties").TryGetProperty("big", out _));
    }

    [Fact]
    public void Dropped_inputs_are_published_on_the_Hackle_meter()
    {
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        var measured = new Dictionary<string, long>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Hackle" && instrument.Meter.Scope is null && instrument.Name == InputDrops.InstrumentName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "cause") measured[(string)tag.Value!] = value;
        });
        listener.Start();

        _ = new HackleEvent(new string('k', HackleEvent.MaxKeyLength + 1));
        listener.RecordObservableInstruments();

        Assert.True(measured.TryGetValue("event_key_too_long", out var count) && count >= 1,
            "measured: " + string.Join(", ", measured.Select(p => p.Key + "=" + p.Value)));
    }
}
