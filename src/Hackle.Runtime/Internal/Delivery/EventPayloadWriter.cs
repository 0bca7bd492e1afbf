using System;
using System.Buffers.Text;
using System.Collections;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

using Hackle.Internal.Model;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Writes the body of <c>POST /api/v2/events</c> (docs/protocol.md §4.2): no reflection, and null fields left
    /// out as Java's SDK does. The body's frame, the exposure records and the user part of every event, nearly all
    /// of a busy body, are written as UTF-8 bytes straight into a pooled buffer: field names encoded once, numbers
    /// with Utf8Formatter, and strings copied as they are when every character is one the JSON writer would not
    /// escape (a string with any other, a double, an array or raw JSON goes through a Utf8JsonWriter, so the
    /// escaping and formatting are the writer's own). Track records, and the rest of the event objects (tracks,
    /// remote-config records, exposures a caller made), go through Utf8JsonWriter with the default encoder, a track
    /// record by the very code that writes a track object; tests compare the record bytes with the object bytes and
    /// both with the previous writer's.
    /// A record (exposure or track) gets its insertId here, when its batch is written; the body is written once per
    /// batch, so a retry sends the same ids.
    /// An event that cannot be written (a <c>$</c> property value whose ToString throws, say) is cut back out
    /// of the body alone and reported; the rest of the batch is sent.
    /// One instance per delivery loop (it reuses its JSON writers); not thread-safe.
    /// </summary>
    internal sealed class EventPayloadWriter
    {
        /// <summary>A typical event's share of the body; sizing the buffer up front avoids regrowing it while writing.</summary>
        public const int BytesPerEventEstimate = 512;

        private static readonly JsonEncodedText s_insertId = JsonEncodedText.Encode("insertId");
        private static readonly JsonEncodedText s_timestamp = JsonEncodedText.Encode("timestamp");
        private static readonly JsonEncodedText s_userId = JsonEncodedText.Encode("userId");
        private static readonly JsonEncodedText s_identifiers = JsonEncodedText.Encode("identifiers");
        private static readonly JsonEncodedText s_userProperties = JsonEncodedText.Encode("userProperties");
        private static readonly JsonEncodedText s_hackleProperties = JsonEncodedText.Encode("hackleProperties");
        private static readonly JsonEncodedText s_experimentId = JsonEncodedText.Encode("experimentId");
        private static readonly JsonEncodedText s_experimentKey = JsonEncodedText.Encode("experimentKey");
        private static readonly JsonEncodedText s_experimentType = JsonEncodedText.Encode("experimentType");
        private static readonly JsonEncodedText s_experimentVersion = JsonEncodedText.Encode("experimentVersion");
        private static readonly JsonEncodedText s_variationId = JsonEncodedText.Encode("variationId");
        private static readonly JsonEncodedText s_variationKey = JsonEncodedText.Encode("variationKey");
        private static readonly JsonEncodedText s_decisionReason = JsonEncodedText.Encode("decisionReason");
        private static readonly JsonEncodedText s_properties = JsonEncodedText.Encode("properties");
        private static readonly JsonEncodedText s_eventTypeId = JsonEncodedText.Encode("eventTypeId");
        private static readonly JsonEncodedText s_eventTypeKey = JsonEncodedText.Encode("eventTypeKey");
        private static readonly JsonEncodedText s_value = JsonEncodedText.Encode("value");
        private static readonly JsonEncodedText s_parameterConfigurationId = JsonEncodedText.Encode("$parameterConfigurationId");
        private static readonly JsonEncodedText s_experimentVersionProperty = JsonEncodedText.Encode("$experiment_version");
        private static readonly JsonEncodedText s_executionVersionProperty = JsonEncodedText.Encode("$execution_version");
        private static readonly JsonEncodedText s_targetingRootType = JsonEncodedText.Encode("$targetingRootType");
        private static readonly JsonEncodedText s_targetingRootId = JsonEncodedText.Encode("$targetingRootId");

        // The frame of the body and of an exposure record, as the JSON writer would write them.
        private static readonly byte[] s_bodyStart = Utf8("{", Name("exposureEvents"), "[");
        private static readonly byte[] s_trackEventsStart = Utf8("],", Name("trackEvents"), "[");
        private static readonly byte[] s_remoteConfigEventsStart = Utf8("],", Name("remoteConfigEvents"), "[");
        private static readonly byte[] s_bodyEnd = Utf8("]}");
        private static readonly byte[] s_recordStart = Utf8("{", Name(s_insertId));
        private static readonly byte[] s_timestampName = Utf8(",", Name(s_timestamp));
        private static readonly byte[] s_experimentIdName = Utf8(",", Name(s_experimentId));
        private static readonly byte[] s_experimentKeyName = Utf8(",", Name(s_experimentKey));
        private static readonly byte[] s_experimentTypeName = Utf8(",", Name(s_experimentType));
        private static readonly byte[] s_experimentVersionName = Utf8(",", Name(s_experimentVersion));
        private static readonly byte[] s_variationIdName = Utf8(",", Name(s_variationId));
        private static readonly byte[] s_variationKeyName = Utf8(",", Name(s_variationKey));
        private static readonly byte[] s_decisionReasonName = Utf8(",", Name(s_decisionReason));
        private static readonly byte[] s_propertiesStart = Utf8(",", Name(s_properties), "{");
        private static readonly byte[] s_parameterConfigurationIdName = Utf8(Name(s_parameterConfigurationId));
        private static readonly byte[] s_experimentVersionPropertyName = Utf8(Name(s_experimentVersionProperty));
        private static readonly byte[] s_executionVersionPropertyName = Utf8(",", Name(s_executionVersionProperty));
        private static readonly byte[] s_targetingRootTypeName = Utf8(",", Name(s_targetingRootType));
        private static readonly byte[] s_targetingRootIdName = Utf8(",", Name(s_targetingRootId));
        private static readonly byte[] s_recordEnd = Utf8("}}");
        private static readonly byte[] s_userIdName = Utf8(Name(s_userId));
        private static readonly byte[] s_identifiersStart = Utf8(Name(s_identifiers), "{");
        private static readonly byte[] s_userPropertiesStart = Utf8("},", Name(s_userProperties), "{");
        private static readonly byte[] s_userEnd = Utf8("},", Name(s_hackleProperties), "{}");
        private static readonly byte[] s_null = Utf8("null");
        private static readonly byte[] s_true = Utf8("true");
        private static readonly byte[] s_false = Utf8("false");

        /// <summary>For each ASCII character: true when the JSON writer (default encoder) writes it as it is. Asked of the writer itself, so the two cannot disagree.</summary>
        private static readonly bool[] s_verbatim = VerbatimAscii();

        private static readonly byte[]?[] s_reasonFields = new byte[]?[64];

        // The writer's structure checks cost time on every call and guard nothing here: the structure is fixed
        // by this class. Escaping (the default encoder) is unchanged, so the bytes are the same.
        private static readonly JsonWriterOptions s_options = new JsonWriterOptions { SkipValidation = true };

        private readonly InsertIdSource _insertIds;
        private readonly bool _keepObjectInsertIds;
        private readonly bool _verbatimInsertIds;
        // Both write into the body being written, each from a fresh state: event objects, and the values the writer
        // leaves to Utf8JsonWriter (strings to escape, doubles, arrays, raw JSON).
        private Utf8JsonWriter? _objectWriter;
        private Utf8JsonWriter? _stringWriter;
        private PooledBufferWriter _body = null!;
        // The user part last written into the body (bytes _cachedStart.._cachedStart+_cachedLength), for a run of events of one user.
        private HackleUser? _cachedUser;
        private int _cachedStart;
        private int _cachedLength;
        private int _cachedDrops;
        private int _unwritable;
        private Exception? _firstFailure;

        /// <param name="insertIds">Where exposure records get their insertIds: random ones, or fixed ones in a test.</param>
        /// <param name="keepObjectInsertIds">
        /// True: an event object without an insertId yet gets one made and kept (<see cref="UserEvent.InsertId"/>),
        /// so the body agrees with the objects a caller holds. False, for the delivery, whose event objects
        /// nobody else sees: the id is written straight from <paramref name="insertIds"/>, without a string.
        /// The body is written once per batch either way, so a retry carries the same ids.
        /// </param>
        public EventPayloadWriter(InsertIdSource? insertIds = null, bool keepObjectInsertIds = true)
        {
            _insertIds = insertIds ?? new InsertIdSource();
            _keepObjectInsertIds = keepObjectInsertIds;
            // The SDK's own ids are hex digits and dashes, which go into the body as they are; another source's (a test's) are checked.
            _verbatimInsertIds = _insertIds.GetType() == typeof(InsertIdSource);
        }

        /// <summary>The body of <paramref name="events"/> as a string (for <see cref="InMemoryEventSink"/> and tests).</summary>
        public static string ToJson(IReadOnlyList<UserEvent> events)
        {
            var queued = new QueuedEvent[events.Count];
            for (var i = 0; i < queued.Length; i++) queued[i].Event = events[i];
            return new EventPayloadWriter().ToJson(queued, queued.Length);
        }

        /// <summary>The body of the first <paramref name="count"/> queued events as a string.</summary>
        public string ToJson(QueuedEvent[] events, int count)
        {
            var buffer = new PooledBufferWriter();
            Write(buffer, events, count, out _, out _);
            var body = buffer.Detach();
            try
            {
                return Encoding.UTF8.GetString(body.Array, 0, body.Length);
            }
            finally
            {
                body.Return();
            }
        }

        /// <summary>
        /// Writes the body of the first <paramref name="count"/> events into <paramref name="buffer"/> (started
        /// afresh), and tells how many events were left out because writing them failed (with the first failure).
        /// </summary>
        public void Write(PooledBufferWriter buffer, QueuedEvent[] events, int count, out int unwritable, out Exception? firstFailure)
        {
            buffer.Start(64 + count * BytesPerEventEstimate);
            _body = buffer;
            _unwritable = 0;
            _firstFailure = null;
            try
            {
                Raw(s_bodyStart);
                var first = true;
                for (var i = 0; i < count; i++)
                {
                    if (events[i].IsExposure) WriteEvent(in events[i], ref first);
                }
                Raw(s_trackEventsStart);
                first = true;
                for (var i = 0; i < count; i++)
                {
                    if (events[i].IsTrack) WriteEvent(in events[i], ref first);
                }
                Raw(s_remoteConfigEventsStart);
                first = true;
                for (var i = 0; i < count; i++)
                {
                    if (events[i].Event is RemoteConfigEvent) WriteEvent(in events[i], ref first);
                }
                Raw(s_bodyEnd);
            }
            finally
            {
                _cachedUser = null;
                _body = null!;
            }
            unwritable = _unwritable;
            firstFailure = _firstFailure;
        }

        /// <summary>Writes one event into its array; one that throws is cut back out of the body, counted, and the array goes on.</summary>
        private void WriteEvent(in QueuedEvent e, ref bool first)
        {
            var start = _body.WrittenCount;
            try
            {
                if (!first) Byte((byte)',');
                if (e.IsTrackRecord) WriteTrackRecord(e.Track);
                else if (e.Event is null) WriteRecord(in e.Exposure);
                else WriteObject(e.Event);
                first = false;
            }
            catch (Exception failure)
            {
                _body.Truncate(start);
                // The cached user part may have been cut off with the event.
                if (_cachedStart + _cachedLength > start) _cachedUser = null;
                _unwritable++;
                _firstFailure ??= failure;
            }
        }

        private void WriteObject(UserEvent e)
        {
            var id = _keepObjectInsertIds ? e.InsertId : e.InsertIdIfMade;
            // The object's own insertId when it has one (or must keep one), else a fresh one, written without a string.
            Span<byte> fresh = stackalloc byte[id is null ? InsertIdSource.Length : 0];
            if (id is null) _insertIds.Next(fresh);
            var insertId = new InsertId(id, fresh);
            var w = Reset(ref _objectWriter);
            switch (e)
            {
                case ExposureEvent exposure: WriteExposure(w, exposure, insertId); break;
                case TrackEvent track: WriteTrack(w, track, insertId); break;
                case RemoteConfigEvent remote: WriteRemoteConfig(w, remote, insertId); break;
            }
            w.Flush();
        }

        /// <summary>A track record, written as its object would be (the same WriteTrack) with a fresh insertId made here.</summary>
        private void WriteTrackRecord(in TrackRecord e)
        {
            Span<byte> fresh = stackalloc byte[InsertIdSource.Length];
            _insertIds.Next(fresh);
            var w = Reset(ref _objectWriter);
            WriteTrack(w, new InsertId(null, fresh), e.Timestamp, e.User, e.EventTypeId, e.Event);
            w.Flush();
        }

        /// <summary>A writer of <paramref name="writer"/>'s kind, reset onto the body: it writes from where the body ends, from a fresh state.</summary>
        private Utf8JsonWriter Reset(ref Utf8JsonWriter? writer)
        {
            if (writer is null) writer = new Utf8JsonWriter(_body, s_options);
            else writer.Reset(_body);
            return writer;
        }

        /// <summary>An exposure record, field by field in the order and form in which an exposure object is written (WriteExposure).</summary>
        private void WriteRecord(in ExposureRecord e)
        {
            var evaluation = e.Evaluation;
            var experiment = evaluation.Experiment;
            Raw(s_recordStart);
            if (_verbatimInsertIds)
            {
                var quoted = _body.GetSpan(InsertIdSource.Length + 2);
                quoted[0] = (byte)'"';
                _insertIds.Next(quoted.Slice(1, InsertIdSource.Length));
                quoted[InsertIdSource.Length + 1] = (byte)'"';
                _body.Advance(InsertIdSource.Length + 2);
            }
            else
            {
                Span<byte> insertId = stackalloc byte[InsertIdSource.Length];
                _insertIds.Next(insertId);
                String(insertId);
            }
            Raw(s_timestampName);
            Number(e.Timestamp);
            Byte((byte)',');
            User(e.User);
            var fields = experiment.EncodedExposureFields;
            if (fields is null || !fields.IsFor(experiment)) fields = experiment.EncodedExposureFields = EncodeFields(experiment);
            Raw(fields.Head);
            var variation = evaluation.Variation;
            if (variation != null && string.Equals(variation.Key, evaluation.VariationKey, StringComparison.Ordinal))
            {
                Raw(variation.EncodedExposureFields ??= EncodeFields(variation));
            }
            else
            {
                if (variation != null)
                {
                    Raw(s_variationIdName);
                    Number(variation.Id);
                }
                Raw(s_variationKeyName);
                String(evaluation.VariationKey);
            }
            Raw(ReasonField(evaluation.Reason));
            Raw(s_propertiesStart);
            if (evaluation.Config is { } config)
            {
                Raw(s_parameterConfigurationIdName);
                Number(config.Id);
                Byte((byte)',');
            }
            Raw(fields.Versions);
            if (e.TargetingRootType != null)
            {
                Raw(s_targetingRootTypeName);
                String(e.TargetingRootType);
                Raw(s_targetingRootIdName);
                Number(e.TargetingRootId);
            }
            Raw(s_recordEnd);
        }

        // The constant parts of a record are written the first time as any other bytes, then kept: the copies
        // cannot differ from what writing them again would give.
        private EncodedExperimentFields EncodeFields(Experiment experiment)
        {
            var start = _body.WrittenCount;
            Raw(s_experimentIdName);
            Number(experiment.Id);
            Raw(s_experimentKeyName);
            Number(experiment.Key);
            Raw(s_experimentTypeName);
            String(experiment.Type == ExperimentType.AbTest ? "AB_TEST" : "FEATURE_FLAG");
            Raw(s_experimentVersionName);
            Number(experiment.Version);
            var middle = _body.WrittenCount;
            Raw(s_experimentVersionPropertyName);
            Number(experiment.Version);
            Raw(s_executionVersionPropertyName);
            Number(experiment.ExecutionVersion);
            var head = _body.WrittenSpan.Slice(start, middle - start).ToArray();
            var versions = _body.WrittenSpan.Slice(middle).ToArray();
            _body.Truncate(start);
            return new EncodedExperimentFields(experiment, head, versions);
        }

        private byte[] EncodeFields(Variation variation)
        {
            var start = _body.WrittenCount;
            Raw(s_variationIdName);
            Number(variation.Id);
            Raw(s_variationKeyName);
            String(variation.Key);
            var encoded = _body.WrittenSpan.Slice(start).ToArray();
            _body.Truncate(start);
            return encoded;
        }

        /// <summary><c>,"decisionReason":"…"</c>, encoded once per reason (shared by every writer: the same bytes whoever makes them).</summary>
        private byte[] ReasonField(DecisionReason reason)
        {
            var index = (int)reason;
            var cache = s_reasonFields;
            if ((uint)index >= (uint)cache.Length) return EncodeReason(reason);
            return cache[index] ??= EncodeReason(reason);
        }

        private byte[] EncodeReason(DecisionReason reason)
        {
            var start = _body.WrittenCount;
            Raw(s_decisionReasonName);
            String(reason.ToWireName());
            var encoded = _body.WrittenSpan.Slice(start).ToArray();
            _body.Truncate(start);
            return encoded;
        }

        /// <summary>
        /// The user part of an event (userId through hackleProperties, no comma before it). It is the same bytes
        /// for every event of that user in the batch: a run of events of one user (a request's several
        /// decisions) writes it once and copies it after.
        /// </summary>
        private void User(HackleUser user)
        {
            if (ReferenceEquals(user, _cachedUser))
            {
                var copy = _body.GetSpan(_cachedLength);
                _body.WrittenSpan.Slice(_cachedStart, _cachedLength).CopyTo(copy);
                _body.Advance(_cachedLength);
                // Each event's dropped values are counted, as if its user had been written again.
                for (var i = 0; i < _cachedDrops; i++) InputDrops.Add(InputDrops.SystemStringTooLong);
                return;
            }
            _cachedUser = null;
            var start = _body.WrittenCount;
            var drops = WriteUser(user);
            _cachedUser = user;
            _cachedStart = start;
            _cachedLength = _body.WrittenCount - start;
            _cachedDrops = drops;
        }

        private void Raw(byte[] bytes)
        {
            var span = _body.GetSpan(bytes.Length);
            bytes.CopyTo(span);
            _body.Advance(bytes.Length);
        }

        private void Byte(byte value)
        {
            _body.GetSpan(1)[0] = value;
            _body.Advance(1);
        }

        /// <summary>A number as Utf8JsonWriter writes one (it formats with Utf8Formatter too).</summary>
        private void Number(long value)
        {
            var span = _body.GetSpan(20);
            Utf8Formatter.TryFormat(value, span, out var written);
            _body.Advance(written);
        }

        private void String(string value) => String(value.AsSpan());

        /// <summary>A string value given as UTF-8 (an insertId): copied as it is when no byte needs escaping, else escaped by a Utf8JsonWriter.</summary>
        private void String(ReadOnlySpan<byte> value)
        {
            var verbatim = s_verbatim;
            for (var i = 0; i < value.Length; i++)
            {
                var b = value[i];
                if (b >= verbatim.Length || !verbatim[b])
                {
                    var w = Reset(ref _stringWriter);
                    w.WriteStringValue(value);
                    w.Flush();
                    return;
                }
            }
            var span = _body.GetSpan(value.Length + 2);
            span[0] = (byte)'"';
            value.CopyTo(span.Slice(1));
            span[value.Length + 1] = (byte)'"';
            _body.Advance(value.Length + 2);
        }

        /// <summary>A string value in quotes: copied as it is when no character needs escaping, else escaped by a Utf8JsonWriter.</summary>
        private void String(ReadOnlySpan<char> value)
        {
            var span = _body.GetSpan(value.Length + 2);
            var verbatim = s_verbatim;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c >= verbatim.Length || !verbatim[c])
                {
                    var w = Reset(ref _stringWriter);
                    w.WriteStringValue(value);
                    w.Flush();
                    return;
                }
                span[i + 1] = (byte)c;
            }
            span[0] = (byte)'"';
            span[value.Length + 1] = (byte)'"';
            _body.Advance(value.Length + 2);
        }

        private static bool[] VerbatimAscii()
        {
            var verbatim = new bool[128];
            for (var c = 0; c < verbatim.Length; c++)
            {
                var encoded = JsonEncodedText.Encode(((char)c).ToString()).EncodedUtf8Bytes;
                verbatim[c] = encoded.Length == 1 && encoded[0] == c;
            }
            return verbatim;
        }

        /// <summary>A property name as the JSON writer writes one: quoted, escaped, and the colon.</summary>
        private static string Name(string name) => Name(JsonEncodedText.Encode(name));

        private static string Name(JsonEncodedText name) => "\"" + name.ToString() + "\":";

        private static byte[] Utf8(params string[] parts) => Encoding.UTF8.GetBytes(string.Concat(parts));

        /// <summary>An event object's insertId: its own string, or a fresh one as UTF-8.</summary>
        private readonly ref struct InsertId
        {
            public InsertId(string? own, ReadOnlySpan<byte> fresh)
            {
                Own = own;
                Fresh = fresh;
            }

            public readonly string? Own;
            public readonly ReadOnlySpan<byte> Fresh;
        }

        private void WriteExposure(Utf8JsonWriter w, ExposureEvent e, in InsertId insertId) =>
            WriteExposure(w, insertId, e.Timestamp, e.User, e.ExperimentId, e.ExperimentKey, e.ExperimentType, e.ExperimentVersion, e.ExecutionVersion,
                e.VariationId, e.VariationKey, e.Reason, e.ParameterConfigurationId, e.TargetingRootType, e.TargetingRootId);

        private void WriteExposure(Utf8JsonWriter w, in InsertId insertId, long timestamp, HackleUser user,
            long experimentId, long experimentKey, string experimentType, int experimentVersion, int executionVersion,
            long? variationId, string variationKey, DecisionReason reason, long? configId, string? rootType, long? rootId)
        {
            w.WriteStartObject();
            WriteCommon(w, insertId, timestamp, user);
            w.WriteNumber(s_experimentId, experimentId);
            w.WriteNumber(s_experimentKey, experimentKey);
            w.WriteString(s_experimentType, experimentType);
            w.WriteNumber(s_experimentVersion, experimentVersion);
            if (variationId is long id) w.WriteNumber(s_variationId, id);
            w.WriteString(s_variationKey, variationKey);
            w.WriteString(s_decisionReason, reason.ToWireName());
            w.WriteStartObject(s_properties);
            if (configId is long config) w.WriteNumber(s_parameterConfigurationId, config);
            w.WriteNumber(s_experimentVersionProperty, experimentVersion);
            w.WriteNumber(s_executionVersionProperty, executionVersion);
            if (rootType != null) w.WriteString(s_targetingRootType, rootType);
            if (rootId is long root) w.WriteNumber(s_targetingRootId, root);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private void WriteTrack(Utf8JsonWriter w, TrackEvent e, in InsertId insertId) =>
            WriteTrack(w, insertId, e.Timestamp, e.User, e.EventTypeId, e.Event);

        private void WriteTrack(Utf8JsonWriter w, in InsertId insertId, long timestamp, HackleUser user, long eventTypeId, HackleEvent hackleEvent)
        {
            w.WriteStartObject();
            WriteCommon(w, insertId, timestamp, user);
            w.WriteNumber(s_eventTypeId, eventTypeId);
            w.WriteString(s_eventTypeKey, hackleEvent.Key);
            if (hackleEvent.Value is double value) WriteDouble(w, s_value, value);
            w.WritePropertyName(s_properties);
            WriteProperties(w, hackleEvent.Properties);
            w.WriteEndObject();
        }

        private void WriteRemoteConfig(Utf8JsonWriter w, RemoteConfigEvent e, in InsertId insertId)
        {
            w.WriteStartObject();
            WriteCommon(w, insertId, e.Timestamp, e.User);
            w.WriteNumber("parameterId", e.ParameterId);
            w.WriteString("parameterKey", e.ParameterKey);
            w.WriteString("parameterType", e.ParameterType);
            if (e.ValueId is long valueId) w.WriteNumber("valueId", valueId);
            w.WriteString("decisionReason", e.Reason.ToWireName());
            w.WriteStartObject("properties");
            w.WriteString("requestValueType", e.RequestValueType);
            w.WritePropertyName("requestDefaultValue");
            WriteValue(w, e.RequestDefaultValue);
            if (e.TargetRuleKey != null) w.WriteString("targetRuleKey", e.TargetRuleKey);
            if (e.TargetRuleName != null) w.WriteString("targetRuleName", e.TargetRuleName);
            w.WritePropertyName("returnValue");
            WriteValue(w, e.ReturnValue);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private void WriteCommon(Utf8JsonWriter w, in InsertId insertId, long timestamp, HackleUser user)
        {
            if (insertId.Own != null) w.WriteString(s_insertId, insertId.Own);
            else w.WriteString(s_insertId, insertId.Fresh);
            w.WriteNumber(s_timestamp, timestamp);
            // The user part goes in between, written (or copied) outside this writer: flushed first, the writer then
            // puts the comma before its next field itself.
            w.Flush();
            Byte((byte)',');
            User(user);
        }

        /// <summary>
        /// Writes userId, identifiers, userProperties and hackleProperties, as Utf8JsonWriter would (its escaping for
        /// strings that need it, and its formatting for doubles, arrays and raw JSON); returns how many property
        /// values it dropped.
        /// </summary>
        private int WriteUser(HackleUser user)
        {
            if (user.TryGetIdentifier(HackleUser.IdType, out var id))
            {
                Raw(s_userIdName);
                StringOrNull(id);
                Byte((byte)',');
            }
            Raw(s_identifiersStart);
            var first = true;
            var identifiers = user.IdentifiersOrEmpty.GetStructEnumerator();
            while (identifiers.MoveNext())
            {
                var pair = identifiers.Current;
                // The built-in identifiers overwrite custom entries of the same type (as Hackle's Java SDK resolves users; docs/protocol.md §6).
                if (IsOverridden(user, pair.Key)) continue;
                Entry(ref first, pair.Key);
                StringOrNull(pair.Value);
            }
            if (user.Id != null)
            {
                Entry(ref first, HackleUser.IdType);
                String(user.Id);
            }
            if (user.UserId != null)
            {
                Entry(ref first, HackleUser.UserIdType);
                String(user.UserId);
            }
            if (user.DeviceId != null)
            {
                Entry(ref first, HackleUser.DeviceIdType);
                String(user.DeviceId);
            }
            Raw(s_userPropertiesStart);
            var drops = 0;
            first = true;
            var entries = user.PropertiesOrEmpty.GetStructEnumerator();
            while (entries.MoveNext())
            {
                var pair = entries.Current;
                if (IsOtherType(pair.Value))
                {
                    if (!TrySystemText(pair.Value, out var text))
                    {
                        drops++;
                        continue;
                    }
                    Entry(ref first, pair.Key);
                    StringOrNull(text);
                    continue;
                }
                Entry(ref first, pair.Key);
                Value(pair.Value);
            }
            Raw(s_userEnd);
            return drops;
        }

        /// <summary>A property name within an object: the comma before all but the first, the name, the colon.</summary>
        private void Entry(ref bool first, string name)
        {
            if (!first) Byte((byte)',');
            first = false;
            String(name);
            Byte((byte)':');
        }

        private void StringOrNull(string? value)
        {
            if (value is null) Raw(s_null);
            else String(value);
        }

        /// <summary>A property value: strings, integers and booleans directly; anything else (doubles, arrays, raw JSON) by a Utf8JsonWriter.</summary>
        private void Value(object? value)
        {
            switch (value)
            {
                case null: Raw(s_null); return;
                case string text: String(text); return;
                case bool flag: Raw(flag ? s_true : s_false); return;
                case long number: Number(number); return;
                case int number: Number(number); return;
            }
            var w = Reset(ref _stringWriter);
            WriteValue(w, value);
            w.Flush();
        }

        /// <summary>
        /// The text of a value of another type (only '$' system properties keep those), or false, with the drop counted,
        /// when it is over the limit: such a value's text is known only now, so it is bounded here.
        /// </summary>
        private static bool TrySystemText(object? value, out string? text)
        {
            text = value?.ToString();
            if (text is null || text.Length <= HackleProperties.MaxSystemStringLength) return true;
            InputDrops.Add(InputDrops.SystemStringTooLong);
            return false;
        }

        private static bool IsOverridden(HackleUser user, string type) =>
            (type == HackleUser.IdType && user.Id != null) ||
            (type == HackleUser.UserIdType && user.UserId != null) ||
            (type == HackleUser.DeviceIdType && user.DeviceId != null);

        /// <summary>Writes the properties as an object; returns how many values it dropped (a '$' value's text over the limit).</summary>
        private static int WriteProperties(Utf8JsonWriter w, HackleProperties properties)
        {
            var drops = 0;
            w.WriteStartObject();
            var entries = properties.GetStructEnumerator();
            while (entries.MoveNext())
            {
                var pair = entries.Current;
                if (IsOtherType(pair.Value))
                {
                    if (!TrySystemText(pair.Value, out var text))
                    {
                        drops++;
                        continue;
                    }
                    w.WritePropertyName(pair.Key);
                    if (text is null) w.WriteNullValue();
                    else w.WriteStringValue(text);
                    continue;
                }
                w.WritePropertyName(pair.Key);
                WriteValue(w, pair.Value);
            }
            w.WriteEndObject();
            return drops;
        }

        private static bool IsOtherType(object value) =>
            !(value is string || value is bool || value is long || value is int || value is double || value is Internal.Config.RawJson || value is IEnumerable);

        private static void WriteValue(Utf8JsonWriter w, object? value)
        {
            switch (value)
            {
                case null: w.WriteNullValue(); break;
                case string s: w.WriteStringValue(s); break;
                case bool b: w.WriteBooleanValue(b); break;
                case long l: w.WriteNumberValue(l); break;
                case int i: w.WriteNumberValue(i); break;
                case double d: WriteDoubleValue(w, d); break;
                case Internal.Config.RawJson raw:
                    using (var document = JsonDocument.Parse(raw.Text)) document.WriteTo(w);
                    break;
                case IEnumerable sequence:
                    w.WriteStartArray();
                    foreach (var item in sequence) WriteValue(w, item);
                    w.WriteEndArray();
                    break;
                default: w.WriteStringValue(value.ToString()); break;
            }
        }

        private static void WriteDouble(Utf8JsonWriter w, JsonEncodedText name, double value)
        {
            w.WritePropertyName(name);
            WriteDoubleValue(w, value);
        }

        // JSON has no NaN or Infinity; Gson would refuse them too, so they travel as null.
        private static void WriteDoubleValue(Utf8JsonWriter w, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) w.WriteNullValue();
            else w.WriteNumberValue(value);
        }
    }
}
