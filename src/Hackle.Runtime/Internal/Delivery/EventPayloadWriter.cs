using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Writes the body of <c>POST /api/v2/events</c> (spec §4.2) with a Utf8JsonWriter: no reflection,
    /// and null fields left out as Java's SDK does.
    /// </summary>
    internal static class EventPayloadWriter
    {
        /// <summary>A typical event's share of the body; sizing the buffer up front avoids regrowing it while writing.</summary>
        private const int BytesPerEventEstimate = 512;

        public static string ToJson(IReadOnlyList<UserEvent> events)
        {
            var body = ToUtf8(events);
            return Encoding.UTF8.GetString(body.Array!, body.Offset, body.Count);
        }

        /// <summary>The UTF-8 body, in a buffer sized for the batch (the segment shares it, no copy is made).</summary>
        public static ArraySegment<byte> ToUtf8(IReadOnlyList<UserEvent> events)
        {
            var stream = new MemoryStream(64 + events.Count * BytesPerEventEstimate);
            using (var writer = new Utf8JsonWriter(stream))
            {
                Write(writer, events);
            }
            return new ArraySegment<byte>(stream.GetBuffer(), 0, (int)stream.Length);
        }

        public static void Write(Utf8JsonWriter writer, IReadOnlyList<UserEvent> events)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("exposureEvents");
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is ExposureEvent e) WriteExposure(writer, e);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("trackEvents");
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is TrackEvent e) WriteTrack(writer, e);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("remoteConfigEvents");
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i] is RemoteConfigEvent e) WriteRemoteConfig(writer, e);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
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
                // The built-in identifiers overwrite custom entries of the same type (J HackleUserResolver).
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
            foreach (var pair in properties)
            {
                w.WritePropertyName(pair.Key);
                WriteValue(w, pair.Value);
            }
            w.WriteEndObject();
        }

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
