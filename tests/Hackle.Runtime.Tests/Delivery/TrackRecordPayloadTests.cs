using System.Runtime.CompilerServices;
using System.Text;
using Hackle;
using Hackle.Internal;
using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;

namespace Hackle.Runtime.Tests.Delivery;

/// <summary>
/// Tracked events reach the HTTP delivery as <see cref="TrackRecord"/> values in the queue's cells and are written
/// straight from them: their bytes must be exactly those of the <see cref="TrackEvent"/> a custom sink would get,
/// for every shape of event and user, and the cell that holds them must be no larger than before.
/// </summary>
public class TrackRecordPayloadTests
{

    private sealed class Custom
    {
        public override string ToString() => "custom <\u00e9> \"text\"";
    }

    private static string EveryAscii()
    {
        var every = new StringBuilder();
        for (var c = 0; c < 128; c++) every.Append((char)c);
        return every.ToString();
    }

    private static HackleUser RichUser()
    {
        var user = new HackleUser("id \"1\" <x>") { UserId = "user+1", DeviceId = "기기 😀" };
        user.Identifiers["customer"] = "c-1";
        user.Identifiers["$deviceId"] = "overridden";
        user.Properties["grade"] = "GOLD \"quoted\" <tag> 한글";
        user.Properties["age"] = 42;
        user.Properties["ratio"] = 0.25;
        user.Properties["vip"] = true;
        user.Properties["tags"] = new[] { "a", "b" };
        return user;
    }

    /// <summary>Every shape of track: with a value or none (and values JSON has no number for), properties of each kind, odd keys, users of each kind.</summary>
    private static List<TrackRecord> Shapes()
    {
        var rich = RichUser();
        var deviceOnly = new HackleUser { DeviceId = "d-2" };
        var userIdOnly = new HackleUser { UserId = "u-3" };
        var customOnly = new HackleUser();
        customOnly.Identifiers["team"] = "t <1>";
        var allKinds = new HackleEvent("all kinds") { Value = 1.0 / 3 };
        allKinds.Properties["text"] = "tab\t line\n quote\" slash\\ </script> \u2028 é 한";
        allKinds.Properties["long"] = long.MaxValue;
        allKinds.Properties["int"] = int.MinValue;
        allKinds.Properties["double"] = 1.5e300;
        allKinds.Properties["tiny"] = 1e-7;
        allKinds.Properties["whole"] = 2.0;
        allKinds.Properties["yes"] = true;
        allKinds.Properties["no"] = false;
        allKinds.Properties["list"] = new object[] { "a<", 1, 2.5 };
        allKinds.Properties["strings"] = new List<string> { "x", "y \"z\"" };
        allKinds.Properties["$custom"] = new Custom();
        allKinds.Properties["키 <key>"] = "값";
        var escapedKey = new HackleEvent(EveryAscii().Substring(0, 100)) { Properties = { [EveryAscii().Substring(1, 60)] = EveryAscii() } };
        return new List<TrackRecord>
        {
            new TrackRecord(new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } }, rich, 1_700_000_000_001, 8),
            new TrackRecord(new HackleEvent("no value, no properties"), deviceOnly, 1_700_000_000_002, 0),
            new TrackRecord(allKinds, userIdOnly, 1_700_000_000_003, long.MaxValue),
            new TrackRecord(escapedKey, customOnly, 1_700_000_000_004, 17),
            new TrackRecord(new HackleEvent("emoji 😀 한글") { Value = double.NaN }, rich, 1_700_000_000_005, 1),
            new TrackRecord(new HackleEvent("infinite") { Value = double.PositiveInfinity }, deviceOnly, 1_700_000_000_006, 2),
            new TrackRecord(new HackleEvent("negative zero") { Value = -0.0, Properties = { ["n"] = -1 } }, rich, 0, 3),
            new TrackRecord(new HackleEvent(""), rich, -5, -1),
        };
    }

    private static QueuedEvent[] Queued(IReadOnlyList<TrackRecord> tracks)
    {
        var queued = new QueuedEvent[tracks.Count];
        for (var i = 0; i < tracks.Count; i++) queued[i].SetTrack(tracks[i]);
        return queued;
    }

    [Fact]
    public void Every_shape_of_track_record_writes_the_same_bytes_as_the_event_object_made_from_it()
    {
        foreach (var track in Shapes())
        {
            var queued = Queued(new[] { track });
            var objects = new List<UserEvent> { new TrackEvent(track.User, track.Timestamp, track.EventTypeId, track.Event, TestInsertIds.FixedGuid(1).ToString()) };

            var fromRecord = new EventPayloadWriter(new FixedInsertIds()).ToJson(queued, 1);
            var fromObject = EventPayloadWriter.ToJson(objects);

            Assert.Equal(fromObject, fromRecord);
            Assert.Contains("\"insertId\":\"" + TestInsertIds.FixedGuid(1) + "\"", fromRecord);
        }
    }

    [Fact]
    public void A_batch_mixing_track_records_exposure_records_and_objects_writes_the_bytes_of_the_objects()
    {
        var tracks = Shapes();
        var experiment = new Experiment { Id = 11, Key = 12, Type = ExperimentType.AbTest, Version = 5, ExecutionVersion = 6 };
        var exposure = new ExposureRecord(new ExperimentEvaluation(experiment, new Variation(4, "B", false, null, null), "B", DecisionReason.TrafficAllocated, null), RichUser(), 1_700_000_000_100, null, 0);
        var remote = new RemoteConfigEvent(RichUser(), 1_700_000_000_200, "remote-1") { ParameterKey = "p", RequestValueType = "STRING", RequestDefaultValue = "d", ReturnValue = "r" };
        var ownTrack = new TrackEvent(RichUser(), 1_700_000_000_300, 4, new HackleEvent("caller's own"), "own-track");
        // Tracks before and after the exposure, interleaved with objects: the body lists exposures, tracks, remote configs.
        var queued = new QueuedEvent[tracks.Count + 3];
        var objects = new List<UserEvent>();
        queued[0].SetTrack(tracks[0]);
        queued[1].Exposure = exposure;
        queued[2].Event = ownTrack;
        queued[3].Event = remote;
        for (var i = 1; i < tracks.Count; i++) queued[i + 3].SetTrack(tracks[i]);
        // The writer takes ids in the order it writes: the exposure record first, then the track records.
        objects.Add(exposure.ToEvent(TestInsertIds.FixedGuid(1).ToString()));
        objects.Add(tracks[0].ToEventWithId(TestInsertIds.FixedGuid(2)));
        objects.Add(ownTrack);
        objects.Add(remote);
        for (var i = 1; i < tracks.Count; i++) objects.Add(tracks[i].ToEventWithId(TestInsertIds.FixedGuid(i + 2)));

        var ids = new FixedInsertIds();
        var fromRecords = new EventPayloadWriter(ids).ToJson(queued, queued.Length);

        Assert.Equal(EventPayloadWriter.ToJson(objects), fromRecords);
        Assert.Equal(tracks.Count + 1, ids.Made);
        using var parsed = System.Text.Json.JsonDocument.Parse(fromRecords);
        Assert.Equal(tracks.Count + 1, parsed.RootElement.GetProperty("trackEvents").GetArrayLength());
        Assert.Equal(1, parsed.RootElement.GetProperty("exposureEvents").GetArrayLength());
        Assert.Equal(1, parsed.RootElement.GetProperty("remoteConfigEvents").GetArrayLength());
    }

    [Fact]
    public void The_delivery_s_own_insert_ids_for_track_records_are_distinct_version_4_uuids()
    {
        var tracks = Shapes();
        var queued = new QueuedEvent[300];
        for (var i = 0; i < queued.Length; i++) queued[i].SetTrack(tracks[i % tracks.Count]);

        var body = new EventPayloadWriter(keepObjectInsertIds: false).ToJson(queued, queued.Length);

        using var parsed = System.Text.Json.JsonDocument.Parse(body);
        var seen = new HashSet<string>();
        foreach (var track in parsed.RootElement.GetProperty("trackEvents").EnumerateArray())
        {
            var id = track.GetProperty("insertId").GetString()!;
            Assert.True(Guid.TryParseExact(id, "D", out var guid), id);
            Assert.Equal(guid.ToString(), id);
            Assert.Equal('4', id[14]);
            Assert.True(seen.Add(id), "repeated " + id);
        }
        Assert.Equal(queued.Length, seen.Count);
    }

    private sealed class ThrowingText
    {
        public override string ToString() => throw new FormatException("no text");
    }

    [Fact]
    public void A_track_record_that_cannot_be_written_is_cut_out_and_the_rest_are_the_bytes_of_a_batch_without_it()
    {
        var user = RichUser();
        var good = new TrackRecord(new HackleEvent("good") { Properties = { ["n"] = 1 } }, user, 1, 2);
        var bad = new TrackRecord(new HackleEvent("bad") { Properties = { ["$broken"] = new ThrowingText() } }, user, 2, 2);
        Assert.True(bad.Event.Properties.ContainsKey("$broken"));
        var all = Queued(new[] { good, bad, good, bad });
        var without = Queued(new[] { good, good });

        var buffer = new PooledBufferWriter();
        new EventPayloadWriter(new SkippingInsertIds(2, 4)).Write(buffer, all, all.Length, out var unwritable, out var failure);
        var body = buffer.Detach();
        var written = Encoding.UTF8.GetString(body.Array, 0, body.Length);
        body.Return();

        Assert.Equal(2, unwritable);
        Assert.IsType<FormatException>(failure);
        Assert.Equal(new EventPayloadWriter(new FixedInsertIds()).ToJson(without, without.Length), written);
    }

    [Fact]
    public void A_track_record_is_sized_as_its_event_object_is()
    {
        foreach (var track in Shapes())
            Assert.Equal(EventSizeEstimate.Of(track.ToEvent()), EventSizeEstimate.Of(track));
    }

    [Fact]
    public void A_queued_track_record_reads_back_as_stored_and_sorts_into_the_track_events()
    {
        foreach (var track in Shapes())
        {
            var cell = new QueuedEvent();
            cell.SetTrack(track);

            Assert.True(cell.IsTrackRecord);
            Assert.True(cell.IsTrack);
            Assert.False(cell.IsExposure);
            Assert.Null(cell.Event);
            var back = cell.Track;
            Assert.Same(track.Event, back.Event);
            Assert.Same(track.User, back.User);
            Assert.Equal(track.Timestamp, back.Timestamp);
            Assert.Equal(track.EventTypeId, back.EventTypeId);
        }
        var exposure = new QueuedEvent();
        Assert.True(exposure.IsExposure);
        Assert.False(exposure.IsTrack);
        var trackObject = new QueuedEvent { Event = Shapes()[0].ToEvent() };
        Assert.True(trackObject.IsTrack);
        Assert.False(trackObject.IsTrackRecord);
        Assert.False(trackObject.IsExposure);
    }

    [Fact]
    public void A_track_stored_over_an_exposure_record_leaves_nothing_of_the_exposure()
    {
        var experiment = new Experiment { Id = 11, Key = 12, Type = ExperimentType.AbTest, Version = 5, ExecutionVersion = 6 };
        var cell = new QueuedEvent { Exposure = new ExposureRecord(new ExperimentEvaluation(experiment, null, "A", DecisionReason.DefaultRule, null), RichUser(), 9, "EXPERIMENT", 99) };
        var track = Shapes()[1];

        cell.SetTrack(track);

        Assert.Null(cell.Exposure.Evaluation.Experiment);
        Assert.Null(cell.Exposure.Evaluation.VariationKey);
        Assert.Null(cell.Exposure.TargetingRootType);
        Assert.Same(track.User, cell.Track.User);
        Assert.Equal(track.EventTypeId, cell.Track.EventTypeId);
        var body = new EventPayloadWriter(new FixedInsertIds()).ToJson(new[] { cell }, 1);
        Assert.Equal(EventPayloadWriter.ToJson(new List<UserEvent> { track.ToEventWithId(TestInsertIds.FixedGuid(1)) }), body);
    }

    /// <summary>The cell as it was before tracks were stored by value: an event object beside an exposure record.</summary>
    private struct CellBeforeTrackRecords
    {
#pragma warning disable CS0649 // Only its size is measured.
        public UserEvent? Event;
        public ExposureRecord Exposure;
        public int Bytes;
#pragma warning restore CS0649
    }

    [Fact]
    public void Storing_tracks_by_value_does_not_grow_the_queue_cell()
    {
        Assert.Equal(Unsafe.SizeOf<CellBeforeTrackRecords>(), Unsafe.SizeOf<QueuedEvent>());
    }

    [Fact]
    public void The_queue_hands_back_a_track_record_as_it_was_queued_with_its_size()
    {
        var queue = new BoundedEventQueue(capacity: 8, maxBytes: 1_000_000);
        var track = Shapes()[0];

        Assert.Equal(Admission.Queued, queue.TryEnqueue(track, 700));
        Assert.True(queue.TryDequeue(out var item));

        Assert.True(item.IsTrackRecord);
        Assert.Equal(700, item.Bytes);
        Assert.Same(track.Event, item.Track.Event);
        Assert.Same(track.User, item.Track.User);
        Assert.Equal(track.Timestamp, item.Track.Timestamp);
        Assert.Equal(track.EventTypeId, item.Track.EventTypeId);
        Assert.False(queue.TryDequeue(out _));
    }
}

internal static class TrackRecordTestExtensions
{
    /// <summary>The event object of the record, with the insertId the record is given in the body.</summary>
    public static TrackEvent ToEventWithId(this TrackRecord track, Guid insertId) =>
        new TrackEvent(track.User, track.Timestamp, track.EventTypeId, track.Event, insertId.ToString());
}
