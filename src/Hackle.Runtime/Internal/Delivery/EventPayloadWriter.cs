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
    /// </summary>
    internal static class EventPayloadWriter
    {
        /// <summary>A typical event's share of the body; sizing the buffer up front avoids regrowing it while writing.</summary>
        private const int BytesPerEventEstimate = 512;

        public static string ToJson(IReadOnlyList<UserEvent> events)
        {
            var body = ToUtf8(events, out _, out _);
            return Encoding.UTF8.GetString(body.Array!, body.Offset, body.Count);
        }

        /// <summary>
        /// The UTF-8 body, in a buffer sized for the batch (the segment shares it, no copy is made), and how
        /// many events were left out because writing them failed (with the first failure).
        /// </summary>
        public static ArraySegment<byte> ToUtf8(IReadOnlyList<UserEvent> events, out int unwritable, out Exception? firstFailure)
        {
            unwritable = 0;
            firstFailure = null;
            var stream = new MemoryStream(64 + events.Count * BytesPerEventEstimate);
            try
            {
                using (var writer = new Utf8JsonWriter(stream))
                {
                    Write(writer, events, null);
                }
                return new ArraySegment<byte>(stream.GetBuffer(), 0, (int)stream.Length);
            }
            catch (Exception)
            {
                // Something in one event threw: write each event alone first, so each is tried once.
            }
            stream.SetLength(0);
            var isolated = new IsolatedEvents();
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(writer, events, isolated);
            }
            unwritable = isolated.Failed;
            firstFailure = isolated.FirstFailure;
            return new ArraySegment<byte>(stream.GetBuffer(), 0, (int)stream.Length);
        }

        /// <summary>Writes the body; with <paramref name="isolated"/>, each event goes through its own buffer and one that fails is left out.</summary>
        private static void Write(Utf8JsonWriter writer, IReadOnlyList<UserEvent> events, IsolatedEvents? isolated)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("exposureEvents");
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is ExposureEvent) WriteEvent(writer, events[i], isolated);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("trackEvents");
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is TrackEvent) WriteEvent(writer, events[i], isolated);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("remoteConfigEvents");
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is RemoteConfigEvent) WriteEvent(writer, events[i], isolated);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        private static void WriteEvent(Utf8JsonWriter writer, UserEvent e, IsolatedEvents? isolated)
        {
            if (isolated is null)
            {
                WriteOne(writer, e);
                return;
            }
            if (isolated.TryWrite(e, out var json)) writer.WriteRawValue(json, skipInputValidation: true);
        }

        private static void WriteOne(Utf8JsonWriter w, UserEvent e)
        {
            switch (e)
            {
                case ExposureEvent exposure: WriteExposure(w, exposure); break;
                case TrackEvent track: WriteTrack(w, track); break;
                case RemoteConfigEvent remote: WriteRemoteConfig(w, remote); break;
            }
        }

        /// <summary>A scratch buffer that writes one event at a time, so a failure part-way leaves nothing behind.</summary>
        private sealed class IsolatedEvents
        {
            private readonly MemoryStream _scratch = new MemoryStream(BytesPerEventEstimate * 2);
            private Utf8JsonWriter? _writer;

            public int Failed { get; private set; }

            public Exception? FirstFailure { get; private set; }

            public bool TryWrite(UserEvent e, out ReadOnlySpan<byte> json)
            {
                _scratch.SetLength(0);
                if (_writer is null) _writer = new Utf8JsonWriter(_scratch);
                else _writer.Reset(_scratch);
                try
                {
                    WriteOne(_writer, e);
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

        private static void WriteExposure(Utf8JsonWriter w, ExposureEvent e)
        {
            w.WriteStartObject();
            WriteCommon(w, e);
            w.WriteNumber("experimentId", e.ExperimentId);
            w.WriteNumber("experimentKey", e.ExperimentKey);
            w.WriteString("experimentType", e.ExperimentType);
            w.WriteNumber("experimentVersion", e.ExperimentVersion);
            if (e.VariationId is long variationId) w.WriteNumber("variationId", variationId);
            w.WriteString("variationKey", e.VariationKey);
            w.WriteString("decisionReason", e.Reason.ToWireName());
            w.WriteStartObject("properties");
            if (e.ParameterConfigurationId is long configId) w.WriteNumber("$parameterConfigurationId", configId);
            w.WriteNumber("$experiment_version", e.ExperimentVersion);
            w.WriteNumber("$execution_version", e.ExecutionVersion);
            if (e.TargetingRootType != null) w.WriteString("$targetingRootType", e.TargetingRootType);
            if (e.TargetingRootId is long rootId) w.WriteNumber("$targetingRootId", rootId);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteTrack(Utf8JsonWriter w, TrackEvent e)
        {
            w.WriteStartObject();
            WriteCommon(w, e);
            w.WriteNumber("eventTypeId", e.EventTypeId);
            w.WriteString("eventTypeKey", e.Event.Key);
            if (e.Event.Value is double value) WriteDouble(w, "value", value);
            w.WritePropertyName("properties");
            WriteProperties(w, e.Event.Properties);
            w.WriteEndObject();
        }

        private static void WriteRemoteConfig(Utf8JsonWriter w, RemoteConfigEvent e)
        {
            w.WriteStartObject();
            WriteCommon(w, e);
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

        private static void WriteCommon(Utf8JsonWriter w, UserEvent e)
        {
            var user = e.User;
            w.WriteString("insertId", e.InsertId);
            w.WriteNumber("timestamp", e.Timestamp);
            if (user.TryGetIdentifier(HackleUser.IdType, out var id)) w.WriteString("userId", id);
            w.WriteStartObject("identifiers");
            foreach (var pair in user.IdentifiersOrEmpty)
            {
                // The built-in identifiers overwrite custom entries of the same type (as Hackle's Java SDK resolves users; docs/protocol.md §6).
                if (IsOverridden(user, pair.Key)) continue;
                w.WriteString(pair.Key, pair.Value);
            }
            if (user.Id != null) w.WriteString(HackleUser.IdType, user.Id);
            if (user.UserId != null) w.WriteString(HackleUser.UserIdType, user.UserId);
            if (user.DeviceId != null) w.WriteString(HackleUser.DeviceIdType, user.DeviceId);
            w.WriteEndObject();
            w.WritePropertyName("userProperties");
            WriteProperties(w, user.PropertiesOrEmpty);
            w.WriteStartObject("hackleProperties");
            w.WriteEndObject();
        }

        private static bool IsOverridden(HackleUser user, string type) =>
            (type == HackleUser.IdType && user.Id != null) ||
            (type == HackleUser.UserIdType && user.UserId != null) ||
            (type == HackleUser.DeviceIdType && user.DeviceId != null);

        private static void WriteProperties(Utf8JsonWriter w, HackleProperties properties)
        {
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
