using System.Text;
using Hackle;
using Hackle.Internal;
using Hackle.Internal.Config;
using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;

namespace Hackle.Runtime.Tests.Delivery;

/// <summary>
/// Exposures reach the HTTP delivery as <see cref="ExposureRecord"/> values and are written straight from
/// them: their bytes must be exactly those of the <see cref="ExposureEvent"/> a custom sink would get, and
/// the writer's bytes must be exactly those of the writer before records existed.
/// </summary>
public class ExposureRecordPayloadTests
{
    private static HackleUser RichUser()
    {
        var user = new HackleUser("id-1") { UserId = "user-1", DeviceId = "device-1" };
        user.Identifiers["customer"] = "c-1";
        user.Identifiers["$deviceId"] = "overridden";
        user.Properties["grade"] = "GOLD \"quoted\" <tag> 한글";
        user.Properties["age"] = 42;
        user.Properties["ratio"] = 0.25;
        user.Properties["vip"] = true;
        user.Properties["tags"] = new[] { "a", "b" };
        return user;
    }

    private static Experiment Experiment(ExperimentType type) => new Experiment { Id = 11, Key = 12, Type = type, Version = 5, ExecutionVersion = 6 };

    private static List<ExposureRecord> Records()
    {
        var rich = RichUser();
        var plain = new HackleUser { DeviceId = "d-2" };
        var config = new ParameterConfig(77, new Dictionary<string, object?>());
        var abTest = Experiment(ExperimentType.AbTest);
        var flag = Experiment(ExperimentType.FeatureFlag);
        return new List<ExposureRecord>
        {
            new ExposureRecord(new ExperimentEvaluation(abTest, new Variation(4, "B", false, 77, config), "B", DecisionReason.TrafficAllocated, config), rich, 1_700_000_000_001, null, 0),
            new ExposureRecord(new ExperimentEvaluation(flag, null, "A", DecisionReason.DefaultRule, null), plain, 1_700_000_000_002, null, 0),
            new ExposureRecord(new ExperimentEvaluation(abTest, new Variation(3, "A", false, null, null), "A", DecisionReason.Overridden, null), rich, 1_700_000_000_003, EventFactory.RootExperiment, 99),
            new ExposureRecord(new ExperimentEvaluation(flag, new Variation(5, "B", false, null, null), "B", DecisionReason.IndividualTargetMatch, null), plain, 1_700_000_000_004, EventFactory.RootRemoteConfig, 123),
        };
    }

    [Fact]
    public void A_record_writes_the_same_bytes_as_the_event_object_made_from_it()
    {
        var records = Records();
        var track = new TrackEvent(RichUser(), 1_700_000_000_005, 8, new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay"] = "CARD" } }, "track-1");
        var queued = new QueuedEvent[records.Count + 1];
        var objects = new List<UserEvent>();
        for (var i = 0; i < records.Count; i++)
        {
            queued[i].Exposure = records[i];
            objects.Add(records[i].ToEvent(TestInsertIds.FixedGuid(i + 1).ToString()));
        }
        // A track in the middle of the exposures: the body still lists exposures first.
        queued[records.Count].Event = track;
        objects.Add(track);

        var ids = new FixedInsertIds();
        var fromRecords = new EventPayloadWriter(ids).ToJson(queued, queued.Length);
        var fromObjects = EventPayloadWriter.ToJson(objects);

        Assert.Equal(fromObjects, fromRecords);
        Assert.Equal(records.Count, ids.Made);
        Assert.Contains("\"insertId\":\"" + TestInsertIds.FixedGuid(1) + "\"", fromRecords);
    }

    [Fact]
    public void A_record_made_into_an_object_keeps_every_field()
    {
        var record = Records()[2];
        var e = record.ToEvent();
        Assert.Same(record.User, e.User);
        Assert.Equal(1_700_000_000_003, e.Timestamp);
        Assert.Equal(11, e.ExperimentId);
        Assert.Equal(12, e.ExperimentKey);
        Assert.Equal("AB_TEST", e.ExperimentType);
        Assert.Equal(5, e.ExperimentVersion);
        Assert.Equal(6, e.ExecutionVersion);
        Assert.Equal(3, e.VariationId);
        Assert.Equal("A", e.VariationKey);
        Assert.Equal(DecisionReason.Overridden, e.Reason);
        Assert.Null(e.ParameterConfigurationId);
        Assert.Equal("EXPERIMENT", e.TargetingRootType);
        Assert.Equal(99, e.TargetingRootId);
        var root = Records()[1].ToEvent();
        Assert.Equal("FEATURE_FLAG", root.ExperimentType);
        Assert.Null(root.VariationId);
        Assert.Null(root.TargetingRootType);
        Assert.Null(root.TargetingRootId);
        Assert.True(Guid.TryParse(root.InsertId, out _));
    }

    [Fact]
    public void A_record_is_sized_as_its_event_object_is()
    {
        foreach (var record in Records())
            Assert.Equal(EventSizeEstimate.Of(record.ToEvent()), EventSizeEstimate.Of(record));
    }

    [Fact]
    public void Insert_ids_are_distinct_version_4_uuids_printed_as_guids_print()
    {
        var source = new InsertIdSource();
        var text = new byte[InsertIdSource.Length];
        var seen = new HashSet<string>();
        // More than one refill of random bytes.
        for (var i = 0; i < 1_000; i++)
        {
            source.Next(text);
            var id = Encoding.UTF8.GetString(text);
            Assert.True(Guid.TryParseExact(id, "D", out var guid), id);
            Assert.Equal(guid.ToString(), id);
            Assert.Equal('4', id[14]);
            Assert.Contains(id[19], "89ab");
            Assert.True(seen.Add(id), "repeated " + id);
        }
    }

    [Fact]
    public void The_sdk_s_own_insert_ids_go_into_the_body_as_distinct_version_4_uuids()
    {
        var records = Records();
        var queued = new QueuedEvent[300];
        for (var i = 0; i < queued.Length; i++) queued[i].Exposure = records[i % records.Count];

        var body = new EventPayloadWriter(keepObjectInsertIds: false).ToJson(queued, queued.Length);

        using var parsed = System.Text.Json.JsonDocument.Parse(body);
        var seen = new HashSet<string>();
        foreach (var exposure in parsed.RootElement.GetProperty("exposureEvents").EnumerateArray())
        {
            var id = exposure.GetProperty("insertId").GetString()!;
            Assert.True(Guid.TryParseExact(id, "D", out var guid), id);
            Assert.Equal(guid.ToString(), id);
            Assert.Equal('4', id[14]);
            Assert.True(seen.Add(id), "repeated " + id);
        }
        Assert.Equal(queued.Length, seen.Count);
    }

    [Fact]
    public void The_delivery_writes_fresh_ids_for_event_objects_without_one_and_keeps_those_they_have()
    {
        var withId = new TrackEvent(new HackleUser("u"), 1, 0, new HackleEvent("a"), "kept-id");
        var without = new TrackEvent(new HackleUser("u"), 2, 0, new HackleEvent("b"));
        var queued = new QueuedEvent[2];
        queued[0].Event = withId;
        queued[1].Event = without;

        var body = new EventPayloadWriter(new FixedInsertIds(), keepObjectInsertIds: false).ToJson(queued, 2);

        Assert.Contains("\"insertId\":\"kept-id\"", body);
        Assert.Contains("\"insertId\":\"" + TestInsertIds.FixedGuid(1) + "\"", body);
        Assert.Null(without.InsertIdIfMade);
    }

    [Fact]
    public void A_run_of_events_of_one_user_writes_the_same_bytes_as_events_of_equal_users()
    {
        var shared = RichUser();
        var records = Records();
        var r = records[0].Evaluation;
        QueuedEvent[] Batch(Func<int, HackleUser> userOf)
        {
            var batch = new QueuedEvent[5];
            for (var i = 0; i < 4; i++) batch[i].Exposure = new ExposureRecord(r, userOf(i), 1_000 + i, i == 3 ? EventFactory.RootExperiment : null, 5);
            batch[4].Event = new TrackEvent(userOf(4), 2_000, 1, new HackleEvent("t"), "track-id");
            return batch;
        }

        var sameUser = new EventPayloadWriter(new FixedInsertIds()).ToJson(Batch(_ => shared), 5);
        var equalUsers = new EventPayloadWriter(new FixedInsertIds()).ToJson(Batch(_ => RichUser()), 5);

        Assert.Equal(equalUsers, sameUser);
        Assert.Equal(5, CountOf(sameUser, "\"userProperties\":{\"grade\":"));
    }

    private sealed class LongText
    {
        public override string ToString() => new string('x', HackleProperties.MaxSystemStringLength + 1);
    }

    [Fact]
    public void A_value_dropped_from_a_user_written_once_for_a_run_of_events_is_counted_for_each_event()
    {
        var user = new HackleUser("u");
        user.Properties["$long"] = new LongText();
        Assert.True(user.Properties.ContainsKey("$long"));
        var queued = new QueuedEvent[3];
        for (var i = 0; i < 3; i++) queued[i].Exposure = new ExposureRecord(Records()[1].Evaluation, user, i, null, 0);
        var before = InputDrops.Count(InputDrops.SystemStringTooLong);

        var body = new EventPayloadWriter(new FixedInsertIds()).ToJson(queued, 3);

        Assert.True(InputDrops.Count(InputDrops.SystemStringTooLong) - before >= 3);
        Assert.DoesNotContain("$long", body);
    }

    [Fact]
    public void A_record_escapes_every_string_exactly_as_the_json_writer_does()
    {
        // Every ASCII character, HTML-sensitive ones, non-ASCII, a surrogate pair: only some are copied as they are.
        var every = new StringBuilder();
        for (var c = 0; c < 128; c++) every.Append((char)c);
        var keys = new[] { every.ToString(), "한글 키", "emoji 😀", "<b>&'+`", "plain-key_1.2", "" };
        var user = new HackleUser("id \"1\" <x>") { DeviceId = "기기" };
        var queued = new QueuedEvent[keys.Length];
        var objects = new List<UserEvent>();
        for (var i = 0; i < keys.Length; i++)
        {
            var evaluation = new ExperimentEvaluation(Experiment(ExperimentType.AbTest), null, keys[i], DecisionReason.TrafficAllocated, null);
            queued[i].Exposure = new ExposureRecord(evaluation, user, 1_000 + i, i == 0 ? "ROOT \u2028 <" : null, 7);
            objects.Add(queued[i].Exposure.ToEvent(TestInsertIds.FixedGuid(i + 1).ToString()));
        }

        var fromRecords = new EventPayloadWriter(new FixedInsertIds()).ToJson(queued, queued.Length);

        Assert.Equal(EventPayloadWriter.ToJson(objects), fromRecords);
        using var parsed = System.Text.Json.JsonDocument.Parse(fromRecords);
        var exposures = parsed.RootElement.GetProperty("exposureEvents");
        for (var i = 0; i < keys.Length; i++) Assert.Equal(keys[i], exposures[i].GetProperty("variationKey").GetString());
    }

    [Fact]
    public void The_experiment_and_variation_bytes_kept_after_the_first_write_follow_the_model()
    {
        var experiment = Experiment(ExperimentType.AbTest);
        var variation = new Variation(4, "B <한>", false, null, null);
        var user = new HackleUser("u");
        string RecordsBody(params ExperimentEvaluation[] evaluations)
        {
            var queued = new QueuedEvent[evaluations.Length];
            for (var i = 0; i < queued.Length; i++) queued[i].Exposure = new ExposureRecord(evaluations[i], user, i, null, 0);
            return new EventPayloadWriter(new FixedInsertIds()).ToJson(queued, queued.Length);
        }
        string ObjectsBody(params ExperimentEvaluation[] evaluations)
        {
            var objects = new List<UserEvent>();
            for (var i = 0; i < evaluations.Length; i++) objects.Add(new ExposureRecord(evaluations[i], user, i, null, 0).ToEvent(TestInsertIds.FixedGuid(i + 1).ToString()));
            return EventPayloadWriter.ToJson(objects);
        }
        var matching = new ExperimentEvaluation(experiment, variation, "B <한>", DecisionReason.TrafficAllocated, null);
        // A variation key other than the variation's own (the evaluation's key is the one written).
        var other = new ExperimentEvaluation(experiment, variation, "C", DecisionReason.TrafficAllocated, null);

        Assert.Equal(ObjectsBody(matching, other, matching), RecordsBody(matching, other, matching));
        Assert.NotNull(experiment.EncodedExposureFields);
        Assert.NotNull(variation.EncodedExposureFields);

        // The experiment's fields changed after its bytes were kept: the new values are written.
        experiment.Version = 9;
        experiment.ExecutionVersion = 10;
        experiment.Type = ExperimentType.FeatureFlag;
        var after = RecordsBody(matching);
        Assert.Equal(ObjectsBody(matching), after);
        Assert.Contains("\"experimentVersion\":9", after);
        Assert.Contains("\"$execution_version\":10", after);
    }

    private sealed class Custom
    {
        public override string ToString() => "custom <\u00e9> \"text\"";
    }

    [Fact]
    public void The_user_part_is_what_a_utf8_json_writer_writes_for_every_kind_of_value()
    {
        var user = new HackleUser("id\u0001 <1>") { UserId = "user+1", DeviceId = "기기 😀" };
        user.Identifiers["custom'key"] = "v&1";
        user.Identifiers["$id"] = "overridden";
        var values = new (string Key, object Value)[]
        {
            ("plain", "text"), ("escaped", "tab\t line\n quote\" slash\\ </script> \u2028 é 한"), ("long", long.MaxValue),
            ("negative", int.MinValue), ("third", 1.0 / 3), ("tiny", 1e-7), ("big", 1.5e300), ("negativeZero", -0.0),
            ("whole", 2.0), ("yes", true), ("no", false), ("list", new object[] { "a<", 1, 2.5 }), ("$custom", new Custom()),
            ("키 <key>", "값"),
        };
        foreach (var (key, value) in values) user.Properties[key] = value;
        var queued = new QueuedEvent[1];
        queued[0].Exposure = new ExposureRecord(Records()[1].Evaluation, user, 1, null, 0);

        var body = new EventPayloadWriter(new FixedInsertIds()).ToJson(queued, 1);

        // The reference: the same fields through a Utf8JsonWriter with the default encoder, as the previous writer did.
        var reference = new System.IO.MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(reference))
        {
            w.WriteStartObject();
            w.WriteString("userId", user.Id);
            w.WriteStartObject("identifiers");
            w.WriteString("custom'key", "v&1");
            w.WriteString("$id", user.Id);
            w.WriteString("$userId", user.UserId);
            w.WriteString("$deviceId", user.DeviceId);
            w.WriteEndObject();
            w.WriteStartObject("userProperties");
            foreach (var pair in user.Properties)
            {
                w.WritePropertyName(pair.Key);
                switch (pair.Value)
                {
                    case string text: w.WriteStringValue(text); break;
                    case long number: w.WriteNumberValue(number); break;
                    case double number: w.WriteNumberValue(number); break;
                    case bool flag: w.WriteBooleanValue(flag); break;
                    case object[] list:
                        w.WriteStartArray();
                        foreach (var item in list)
                        {
                            if (item is string text) w.WriteStringValue(text);
                            else if (item is long number) w.WriteNumberValue(number);
                            else w.WriteNumberValue((double)item);
                        }
                        w.WriteEndArray();
                        break;
                    default: w.WriteStringValue(pair.Value.ToString()); break;
                }
            }
            w.WriteEndObject();
            w.WriteStartObject("hackleProperties");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        var expected = Encoding.UTF8.GetString(reference.ToArray());
        var userPart = expected.Substring(1, expected.Length - 2);

        Assert.Equal(values.Length, user.Properties.Count);
        Assert.Contains(",\"timestamp\":1," + userPart + ",\"experimentId\":", body);
    }

    private sealed class ThrowingText
    {
        public override string ToString() => throw new FormatException("no text");
    }

    [Fact]
    public void An_event_that_cannot_be_written_is_cut_out_and_the_rest_are_the_bytes_of_a_batch_without_it()
    {
        var good = RichUser();
        var bad = new HackleUser("bad");
        bad.Properties["$broken"] = new ThrowingText();
        Assert.True(bad.Properties.ContainsKey("$broken"));
        var evaluation = Records()[0].Evaluation;
        var badTrack = new TrackEvent(good, 5, 1, new HackleEvent("t") { Properties = { ["$broken"] = new ThrowingText() } }, "track-bad");
        var goodTrack = new TrackEvent(good, 6, 1, new HackleEvent("t"), "track-good");
        // A good user's part is cached by the first event; the failures come after it, mid-run and between runs.
        var all = new QueuedEvent[7];
        all[0].Exposure = new ExposureRecord(evaluation, good, 1, null, 0);
        all[1].Exposure = new ExposureRecord(evaluation, bad, 2, null, 0);
        all[2].Exposure = new ExposureRecord(evaluation, good, 3, null, 0);
        all[3].Event = badTrack;
        all[4].Exposure = new ExposureRecord(evaluation, good, 4, null, 0);
        all[5].Event = goodTrack;
        all[6].Exposure = new ExposureRecord(evaluation, bad, 7, null, 0);
        var without = new QueuedEvent[4];
        without[0] = all[0];
        without[1] = all[2];
        without[2] = all[4];
        without[3] = all[5];

        var buffer = new PooledBufferWriter();
        // The insertIds of the failed records are taken before they fail: the written ones get ids 1, 2, 3 either way.
        new EventPayloadWriter(new SkippingInsertIds(2, 5)).Write(buffer, all, all.Length, out var unwritable, out var failure);
        var body = buffer.Detach();
        var written = Encoding.UTF8.GetString(body.Array, 0, body.Length);
        body.Return();

        Assert.Equal(3, unwritable);
        Assert.IsType<FormatException>(failure);
        Assert.Equal(new EventPayloadWriter(new FixedInsertIds()).ToJson(without, without.Length), written);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>
    /// Event objects of every kind and shape, written as they were before exposures became records:
    /// the expected text was produced by the writer of the commit before this change, on these events.
    /// </summary>
    [Fact]
    public void The_body_of_event_objects_is_byte_for_byte_what_the_previous_writer_wrote()
    {
        var events = new List<UserEvent>();
        var records = Records();
        for (var i = 0; i < records.Count; i++) events.Add(records[i].ToEvent("exposure-" + i));
        events.Add(new TrackEvent(RichUser(), 20_000, 101, new HackleEvent("purchase") { Value = 42.5, Properties = { ["a"] = "b", ["n"] = 3, ["list"] = new object[] { 1, "x" } } }, "track-1"));
        events.Add(new TrackEvent(new HackleUser("u"), 20_001, 0, new HackleEvent("nan") { Value = double.NaN }, "track-2"));
        events.Add(new RemoteConfigEvent(RichUser(), 30_000, "rc-1")
        {
            ParameterId = 201, ParameterKey = "rc_key", ParameterType = "JSON", ValueId = 202, Reason = DecisionReason.TargetRuleMatch,
            RequestValueType = "STRING", RequestDefaultValue = "default", TargetRuleKey = "rule-1", TargetRuleName = "Rule one",
            ReturnValue = new RawJson("{\"k\":[1,2,{\"z\":null}]}"),
        });
        events.Add(new RemoteConfigEvent(new HackleUser("u"), 30_001, "rc-2") { ParameterKey = "n", RequestDefaultValue = 3.5, ReturnValue = true });

        var body = EventPayloadWriter.ToJson(events);

        Assert.Equal(PreviousWriterBody, body);
    }

    private const string PreviousWriterBody = """
{"exposureEvents":[{"insertId":"exposure-0","timestamp":1700000000001,"userId":"id-1","identifiers":{"customer":"c-1","$id":"id-1","$userId":"user-1","$deviceId":"device-1"},"userProperties":{"grade":"GOLD \u0022quoted\u0022 \u003Ctag\u003E \uD55C\uAE00","age":42,"ratio":0.25,"vip":true,"tags":["a","b"]},"hackleProperties":{},"experimentId":11,"experimentKey":12,"experimentType":"AB_TEST","experimentVersion":5,"variationId":4,"variationKey":"B","decisionReason":"TRAFFIC_ALLOCATED","properties":{"$parameterConfigurationId":77,"$experiment_version":5,"$execution_version":6}},{"insertId":"exposure-1","timestamp":1700000000002,"identifiers":{"$deviceId":"d-2"},"userProperties":{},"hackleProperties":{},"experimentId":11,"experimentKey":12,"experimentType":"FEATURE_FLAG","experimentVersion":5,"variationKey":"A","decisionReason":"DEFAULT_RULE","properties":{"$experiment_version":5,"$execution_version":6}},{"insertId":"exposure-2","timestamp":1700000000003,"userId":"id-1","identifiers":{"customer":"c-1","$id":"id-1","$userId":"user-1","$deviceId":"device-1"},"userProperties":{"grade":"GOLD \u0022quoted\u0022 \u003Ctag\u003E \uD55C\uAE00","age":42,"ratio":0.25,"vip":true,"tags":["a","b"]},"hackleProperties":{},"experimentId":11,"experimentKey":12,"experimentType":"AB_TEST","experimentVersion":5,"variationId":3,"variationKey":"A","decisionReason":"OVERRIDDEN","properties":{"$experiment_version":5,"$execution_version":6,"$targetingRootType":"EXPERIMENT","$targetingRootId":99}},{"insertId":"exposure-3","timestamp":1700000000004,"identifiers":{"$deviceId":"d-2"},"userProperties":{},"hackleProperties":{},"experimentId":11,"experimentKey":12,"experimentType":"FEATURE_FLAG","experimentVersion":5,"variationId":5,"variationKey":"B","decisionReason":"INDIVIDUAL_TARGET_MATCH","properties":{"$experiment_version":5,"$execution_version":6,"$targetingRootType":"REMOTE_CONFIG","$targetingRootId":123}}],"trackEvents":[{"insertId":"track-1","timestamp":20000,"userId":"id-1","identifiers":{"customer":"c-1","$id":"id-1","$userId":"user-1","$deviceId":"device-1"},"userProperties":{"grade":"GOLD \u0022quoted\u0022 \u003Ctag\u003E \uD55C\uAE00","age":42,"ratio":0.25,"vip":true,"tags":["a","b"]},"hackleProperties":{},"eventTypeId":101,"eventTypeKey":"purchase","value":42.5,"properties":{"a":"b","n":3,"list":[1,"x"]}},{"insertId":"track-2","timestamp":20001,"userId":"u","identifiers":{"$id":"u"},"userProperties":{},"hackleProperties":{},"eventTypeId":0,"eventTypeKey":"nan","value":null,"properties":{}}],"remoteConfigEvents":[{"insertId":"rc-1","timestamp":30000,"userId":"id-1","identifiers":{"customer":"c-1","$id":"id-1","$userId":"user-1","$deviceId":"device-1"},"userProperties":{"grade":"GOLD \u0022quoted\u0022 \u003Ctag\u003E \uD55C\uAE00","age":42,"ratio":0.25,"vip":true,"tags":["a","b"]},"hackleProperties":{},"parameterId":201,"parameterKey":"rc_key","parameterType":"JSON","valueId":202,"decisionReason":"TARGET_RULE_MATCH","properties":{"requestValueType":"STRING","requestDefaultValue":"default","targetRuleKey":"rule-1","targetRuleName":"Rule one","returnValue":{"k":[1,2,{"z":null}]}}},{"insertId":"rc-2","timestamp":30001,"userId":"u","identifiers":{"$id":"u"},"userProperties":{},"hackleProperties":{},"parameterId":0,"parameterKey":"n","parameterType":"STRING","decisionReason":"SDK_NOT_READY","properties":{"requestValueType":"STRING","requestDefaultValue":3.5,"returnValue":true}}]}
""";
}
