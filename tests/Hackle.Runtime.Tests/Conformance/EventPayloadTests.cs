using System.Text.Json;
using Hackle.Internal.Delivery;
using Hackle;

namespace Hackle.Runtime.Tests.Conformance;

/// <summary>The serialized batch must have exactly the shape of tests/TestData/conformance/event_payload.json.</summary>
public class EventPayloadTests
{
    [Fact]
    public void Batch_matches_the_reference_payload_field_by_field()
    {
        static HackleUser User() => new("id") { DeviceId = "deviceId", Properties = { ["age"] = 42 } };
        var events = new List<UserEvent>
        {
            new ExposureEvent(User(), 10000, "experiment-1")
            {
                ExperimentId = 1, ExperimentKey = 2, ExperimentType = "AB_TEST", ExperimentVersion = 5, ExecutionVersion = 6,
                VariationId = 4, VariationKey = "A", Reason = DecisionReason.ExperimentDraft,
            },
            new TrackEvent(User(), 20000, 101, new HackleEvent("test") { Value = 42.0, Properties = { ["a"] = "b" } }, "track-1"),
            new RemoteConfigEvent(User(), 30000, "rc-1")
            {
                ParameterId = 201, ParameterKey = "rc_key", ParameterType = "STRING", ValueId = 202, Reason = DecisionReason.DefaultRule,
                RequestValueType = "STRING", RequestDefaultValue = "default", ReturnValue = "return",
            },
        };

        using var actual = JsonDocument.Parse(EventPayloadWriter.ToJson(events));
        using var expected = JsonDocument.Parse(File.ReadAllText(TestPaths.Conformance("event_payload.json")));

        // The reference has experimentVersion 3 at the top level and $experiment_version 5 in properties
        // (a fixture quirk); we send experiment.version in both places, as Java does.
        var expectedRoot = expected.RootElement;
        AssertJsonEqual(expectedRoot.GetProperty("trackEvents"), actual.RootElement.GetProperty("trackEvents"), "$.trackEvents");
        AssertJsonEqual(expectedRoot.GetProperty("remoteConfigEvents"), actual.RootElement.GetProperty("remoteConfigEvents"), "$.remoteConfigEvents");
        var exposure = actual.RootElement.GetProperty("exposureEvents")[0];
        var reference = expectedRoot.GetProperty("exposureEvents")[0];
        var names = reference.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names, exposure.EnumerateObject().Select(p => p.Name).ToList());
        foreach (var name in names.Where(n => n != "experimentVersion"))
            AssertJsonEqual(reference.GetProperty(name), exposure.GetProperty(name), "$.exposureEvents[0]." + name);
        // Both places carry the one experiment.version: the fixture's $experiment_version here...
        Assert.Equal(reference.GetProperty("properties").GetProperty("$experiment_version").GetInt32(), exposure.GetProperty("experimentVersion").GetInt32());
        // ...and the fixture's top-level experimentVersion when the experiment has that version.
        var topLevelVersion = reference.GetProperty("experimentVersion").GetInt32();
        var other = new ExposureEvent(User(), 10000, "experiment-1")
        {
            ExperimentId = 1, ExperimentKey = 2, ExperimentType = "AB_TEST", ExperimentVersion = topLevelVersion, ExecutionVersion = 6,
            VariationId = 4, VariationKey = "A", Reason = DecisionReason.ExperimentDraft,
        };
        using var otherPayload = JsonDocument.Parse(EventPayloadWriter.ToJson(new List<UserEvent> { other }));
        var otherExposure = otherPayload.RootElement.GetProperty("exposureEvents")[0];
        Assert.Equal(topLevelVersion, otherExposure.GetProperty("experimentVersion").GetInt32());
        Assert.Equal(topLevelVersion, otherExposure.GetProperty("properties").GetProperty("$experiment_version").GetInt32());
        Assert.Equal(new[] { "exposureEvents", "trackEvents", "remoteConfigEvents" },
            actual.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Null_fields_are_left_out_and_all_three_arrays_are_always_present()
    {
        var user = new HackleUser { DeviceId = "d1" };
        var events = new List<UserEvent>
        {
            new ExposureEvent(user, 1) { ExperimentKey = 9, VariationId = null, VariationKey = "A", Reason = DecisionReason.TrafficNotAllocated },
            new TrackEvent(user, 2, 0, new HackleEvent("unknown")),
        };
        using var doc = JsonDocument.Parse(EventPayloadWriter.ToJson(events));
        var exposure = doc.RootElement.GetProperty("exposureEvents")[0];
        Assert.False(exposure.TryGetProperty("variationId", out _));
        Assert.False(exposure.TryGetProperty("userId", out _)); // no $id
        var track = doc.RootElement.GetProperty("trackEvents")[0];
        Assert.False(track.TryGetProperty("value", out _));
        Assert.Equal(0, track.GetProperty("eventTypeId").GetInt64());
        Assert.Equal(0, doc.RootElement.GetProperty("remoteConfigEvents").GetArrayLength());
        Assert.True(Guid.TryParse(exposure.GetProperty("insertId").GetString(), out var insertId));
        Assert.Equal(4, insertId.ToByteArray()[7] >> 4); // UUID version 4
    }

    private static void AssertJsonEqual(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind || IsNumber(expected) && IsNumber(actual), $"{path}: {expected.ValueKind} != {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name).OrderBy(n => n), actual.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
                foreach (var property in expected.EnumerateObject())
                    AssertJsonEqual(property.Value, actual.GetProperty(property.Name), path + "." + property.Name);
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (var i = 0; i < expected.GetArrayLength(); i++) AssertJsonEqual(expected[i], actual[i], $"{path}[{i}]");
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.GetDouble(), actual.GetDouble());
                break;
            case JsonValueKind.String:
                Assert.Equal(expected.GetString(), actual.GetString());
                break;
        }
    }

    private static bool IsNumber(JsonElement e) => e.ValueKind == JsonValueKind.Number;
}
