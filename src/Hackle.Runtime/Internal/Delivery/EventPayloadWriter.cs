using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Writes the body of <c>POST /api/v2/events</c> (docs/protocol.md §4.2) with a Utf8JsonWriter: no reflection,
    /// and null fields left out as Java's SDK does. An event that cannot be written (a <c>$</c> property
    /// value whose ToString throws, say) is left out alone: the batch is written again event by event,
    /// and only the events that failed are reported, never the whole batch.
    /// A batch is written straight from the queued events into a pooled buffer: exposure records write
    /// their insertId from <see cref="InsertIdSource"/> without making a string, and the field names are encoded once.
    /// Records and event objects go through the same field writers, so their bytes cannot differ.
    /// One instance per delivery loop (it reuses its JSON writer); not thread-safe.
    /// </summary>
    internal sealed class EventPayloadWriter
    {
        /// <summary>A typical event's share of the body; sizing the buffer up front avoids regrowing it while writing.</summary>
        public const int BytesPerEventEstimate = 512;

        private static readonly JsonEncodedText s_exposureEvents = JsonEncodedText.Encode("exposureEvents");
        private static readonly JsonEncodedText s_trackEvents = JsonEncodedText.Encode("trackEvents");
        private static readonly JsonEncodedText s_remoteConfigEvents = JsonEncodedText.Encode("remoteConfigEvents");
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
        private static readonly JsonEncodedText s_parameterConfigurationId = JsonEncodedText.Encode("$parameterConfigurationId");
        private static readonly JsonEncodedText s_experimentVersionProperty = JsonEncodedText.Encode("$experiment_version");
        private static readonly JsonEncodedText s_executionVersionProperty = JsonEncodedText.Encode("$execution_version");
        private static readonly JsonEncodedText s_targetingRootType = JsonEncodedText.Encode("$targetingRootType");
        private static readonly JsonEncodedText s_targetingRootId = JsonEncodedText.Encode("$targetingRootId");

        // The writer's structure checks cost time on every call and guard nothing here: the structure is fixed
        // by this class. Escaping (the default encoder) is unchanged, so the bytes are the same.
        private static readonly JsonWriterOptions s_options = new JsonWriterOptions { SkipValidation = true };

        private readonly InsertIdSource _insertIds;
        private readonly bool _keepObjectInsertIds;
        private Utf8JsonWriter? _writer;
        private IsolatedEvents? _isolated;
        // The user part last written into the body being written (only while a whole body is written in one go).
        private PooledBufferWriter? _userCacheBody;
        private HackleUser? _cachedUser;
        private int _cachedStart;
        private int _cachedLength;
        private int _cachedDrops;

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
            unwritable = 0;
            firstFailure = null;
            buffer.Start(64 + count * BytesPerEventEstimate);
            try
            {
                var writer = Writer(buffer);
                _userCacheBody = buffer;
                Write(writer, events, count, null);
                writer.Flush();
                return;
            }
            catch (Exception)
            {
                // Something in one event threw: write each event alone first, so each is tried once.
            }
            finally
            {
                _userCacheBody = null;
                _cachedUser = null;
            }
            buffer.Clear();
            var isolated = _isolated ??= new IsolatedEvents(this);
            isolated.Begin();
            var again = Writer(buffer);
            Write(again, events, count, isolated);
            again.Flush();
            unwritable = isolated.Failed;
            firstFailure = isolated.FirstFailure;
        }

        private Utf8JsonWriter Writer(PooledBufferWriter buffer)
        {
            if (_writer is null) _writer = new Utf8JsonWriter(buffer, s_options);
            else _writer.Reset(buffer);
            return _writer;
        }

        /// <summary>Writes the body; with <paramref name="isolated"/>, each event goes through its own buffer and one that fails is left out.</summary>
        private void Write(Utf8JsonWriter writer, QueuedEvent[] events, int count, IsolatedEvents? isolated)
        {
            writer.WriteStartObject();
            writer.WriteStartArray(s_exposureEvents);
            for (var i = 0; i < count; i++)
            {
                if (events[i].IsExposure) WriteEvent(writer, in events[i], isolated);
            }
            writer.WriteEndArray();
            writer.WriteStartArray(s_trackEvents);
            for (var i = 0; i < count; i++)
            {
                if (events[i].Event is TrackEvent) WriteEvent(writer, in events[i], isolated);
            }
            writer.WriteEndArray();
            writer.WriteStartArray(s_remoteConfigEvents);
            for (var i = 0; i < count; i++)
            {
                if (events[i].Event is RemoteConfigEvent) WriteEvent(writer, in events[i], isolated);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private void WriteEvent(Utf8JsonWriter writer, in QueuedEvent e, IsolatedEvents? isolated)
        {
            if (isolated is null)
            {
                WriteOne(writer, in e);
                return;
            }
            if (isolated.TryWrite(in e, out var json)) writer.WriteRawValue(json, skipInputValidation: true);
        }

        private void WriteOne(Utf8JsonWriter w, in QueuedEvent e)
        {
            if (e.Event is null)
            {
                WriteExposure(w, in e.Exposure);
                return;
            }
            Span<char> scratch = stackalloc char[InsertIdSource.Length];
            var insertId = InsertIdOf(e.Event, scratch);
            switch (e.Event)
            {
                case ExposureEvent exposure: WriteExposure(w, exposure, insertId); break;
                case TrackEvent track: WriteTrack(w, track, insertId); break;
                case RemoteConfigEvent remote: WriteRemoteConfig(w, remote, insertId); break;
            }
        }

        /// <summary>A scratch buffer that writes one event at a time, so a failure part-way leaves nothing behind.</summary>
        private sealed class IsolatedEvents
        {
            private readonly EventPayloadWriter _owner;
            private readonly MemoryStream _scratch = new MemoryStream(BytesPerEventEstimate * 2);
            private Utf8JsonWriter? _writer;

            public IsolatedEvents(EventPayloadWriter owner) => _owner = owner;

            public int Failed { get; private set; }

            public Exception? FirstFailure { get; private set; }

            public void Begin()
            {
                Failed = 0;
                FirstFailure = null;
            }

            public bool TryWrite(in QueuedEvent e, out ReadOnlySpan<byte> json)
            {
                _scratch.SetLength(0);
                if (_writer is null) _writer = new Utf8JsonWriter(_scratch, s_options);
                else _writer.Reset(_scratch);
                try
                {
                    _owner.WriteOne(_writer, in e);
                    _writer.Flush();
                }
                catch (Exception failure)
                {
                    Failed++;
                    FirstFailure ??= failure;
                    json = default;
                    return false;
                }
                json = new ReadOnlySpan<byte>(_scratch.GetBuffer(), 0, (int)_scratch.Length);
                return true;
            }
        }

        /// <summary>The object's own insertId when it has one (or must keep one), else a fresh one written into <paramref name="scratch"/>.</summary>
        private ReadOnlySpan<char> InsertIdOf(UserEvent e, Span<char> scratch)
        {
            var id = _keepObjectInsertIds ? e.InsertId : e.InsertIdIfMade;
            if (id != null) return id.AsSpan();
            _insertIds.Next(scratch);
            return scratch;
        }

        private void WriteExposure(Utf8JsonWriter w, in ExposureRecord e)
        {
            Span<char> insertId = stackalloc char[InsertIdSource.Length];
            _insertIds.Next(insertId);
            var evaluation = e.Evaluation;
            var experiment = evaluation.Experiment;
            WriteExposure(w, insertId, e.Timestamp, e.User, experiment.Id, experiment.Key, e.ExperimentType, experiment.Version, experiment.ExecutionVersion,
                evaluation.Variation?.Id, evaluation.VariationKey, evaluation.Reason, evaluation.Config?.Id,
                e.TargetingRootType, e.TargetingRootType is null ? (long?)null : e.TargetingRootId);
        }

        private void WriteExposure(Utf8JsonWriter w, ExposureEvent e, ReadOnlySpan<char> insertId) =>
            WriteExposure(w, insertId, e.Timestamp, e.User, e.ExperimentId, e.ExperimentKey, e.ExperimentType, e.ExperimentVersion, e.ExecutionVersion,
                e.VariationId, e.VariationKey, e.Reason, e.ParameterConfigurationId, e.TargetingRootType, e.TargetingRootId);

        private void WriteExposure(Utf8JsonWriter w, ReadOnlySpan<char> insertId, long timestamp, HackleUser user,
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

        private void WriteTrack(Utf8JsonWriter w, TrackEvent e, ReadOnlySpan<char> insertId)
        {
            w.WriteStartObject();
            WriteCommon(w, insertId, e.Timestamp, e.User);
            w.WriteNumber("eventTypeId", e.EventTypeId);
            w.WriteString("eventTypeKey", e.Event.Key);
            if (e.Event.Value is double value) WriteDouble(w, "value", value);
            w.WritePropertyName("properties");
            WriteProperties(w, e.Event.Properties);
            w.WriteEndObject();
        }

        private void WriteRemoteConfig(Utf8JsonWriter w, RemoteConfigEvent e, ReadOnlySpan<char> insertId)
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

        private void WriteCommon(Utf8JsonWriter w, ReadOnlySpan<char> insertId, long timestamp, HackleUser user)
        {
            w.WriteString(s_insertId, insertId);
            w.WriteNumber(s_timestamp, timestamp);
            var body = _userCacheBody;
            if (body is null)
            {
                WriteUser(w, user);
                return;
            }
            // The user's part of an event is the same bytes for every event of that user in the batch: a run
            // of events of one user (a request's several decisions) writes it once and copies it after. The
            // writer is flushed around the copy; it then puts the comma before the next field itself.
            w.Flush();
            if (ReferenceEquals(user, _cachedUser))
            {
                var copy = body.GetSpan(_cachedLength);
                body.WrittenSpan.Slice(_cachedStart, _cachedLength).CopyTo(copy);
                body.Advance(_cachedLength);
                // Each event's dropped values are counted, as if its user had been written again.
                for (var i = 0; i < _cachedDrops; i++) InputDrops.Add(InputDrops.SystemStringTooLong);
                return;
            }
            _cachedUser = null;
            var start = body.WrittenCount;
            var drops = WriteUser(w, user);
            w.Flush();
            _cachedUser = user;
            _cachedStart = start;
            _cachedLength = body.WrittenCount - start;
            _cachedDrops = drops;
        }

        /// <summary>Writes userId, identifiers, userProperties and hackleProperties; returns how many property values it dropped.</summary>
        private static int WriteUser(Utf8JsonWriter w, HackleUser user)
        {
            if (user.TryGetIdentifier(HackleUser.IdType, out var id)) w.WriteString(s_userId, id);
            w.WriteStartObject(s_identifiers);
            var identifiers = user.IdentifiersOrEmpty.GetStructEnumerator();
            while (identifiers.MoveNext())
            {
                var pair = identifiers.Current;
                // The built-in identifiers overwrite custom entries of the same type (as Hackle's Java SDK resolves users; docs/protocol.md §6).
                if (IsOverridden(user, pair.Key)) continue;
                w.WriteString(pair.Key, pair.Value);
            }
            if (user.Id != null) w.WriteString(HackleUser.IdType, user.Id);
            if (user.UserId != null) w.WriteString(HackleUser.UserIdType, user.UserId);
            if (user.DeviceId != null) w.WriteString(HackleUser.DeviceIdType, user.DeviceId);
            w.WriteEndObject();
            w.WritePropertyName(s_userProperties);
            var drops = WriteProperties(w, user.PropertiesOrEmpty);
            w.WriteStartObject(s_hackleProperties);
            w.WriteEndObject();
            return drops;
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
                    // Only '$' system properties keep values of other types; their text is known only now, so it is bounded here.
                    var text = pair.Value.ToString();
                    if (text != null && text.Length > HackleProperties.MaxSystemStringLength)
                    {
                        InputDrops.Add(InputDrops.SystemStringTooLong);
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

        private static void WriteDouble(Utf8JsonWriter w, string name, double value)
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
