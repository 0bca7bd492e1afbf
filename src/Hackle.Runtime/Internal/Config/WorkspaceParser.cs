using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hackle.Manifest;

namespace Hackle.Internal.Config
{
    /// <summary>
    /// Turns the wire format into the evaluation model, tolerantly (docs/protocol.md §1.3, docs/manifest.md): an entity
    /// of one of the root lists that has a field of the wrong JSON kind, or that the rules of
    /// <see cref="ItemRules"/> drop, is left out alone and named in <see cref="HackleWorkspace.DroppedItems"/>.
    /// Only text that is not JSON, a root that is not an object, a root list that is not an array, or a
    /// root without any of experiments, featureFlags and remoteConfigParameters (<c>{}</c>) rejects the
    /// config as a whole. The generator's manifest reader applies the same rules.
    /// </summary>
    internal static class WorkspaceParser
    {
        public static HackleWorkspace Parse(ReadOnlySpan<byte> utf8Json)
        {
            if (utf8Json.Length > HackleWorkspace.MaxConfigBytes)
                throw new HackleConfigException($"Workspace config is {utf8Json.Length} bytes; the limit is {HackleWorkspace.MaxConfigBytes}.");
            // Many Windows editors start UTF-8 files with a byte-order mark; the generator accepts it, so must we.
            if (utf8Json.StartsWith(WireText.Utf8ByteOrderMark)) utf8Json = utf8Json.Slice(WireText.Utf8ByteOrderMark.Length);

            var problems = new List<string>();
            WorkspaceDto dto;
            try
            {
                // Fast path: a config in which every entity binds is read in one pass, as it always was. Only
                // when something does not bind is it read again, entity by entity, to drop just what is wrong.
                dto = TryReadWhole(utf8Json) ?? ReadRoot(utf8Json, problems);
            }
            catch (JsonException e)
            {
                long? line = e.LineNumber + 1, column = e.BytePositionInLine + 1;
                var where = e.LineNumber.HasValue ? $" at line {line}, position {column}" : "";
                throw new HackleConfigException($"Workspace config is not valid{where}: {FirstSentence(e.Message)}", e.LineNumber.HasValue ? line : null, e.BytePositionInLine.HasValue ? column : null, e);
            }
            // The lists bind to null when absent or null; only then look whether the names are there at all.
            if (dto.Experiments is null && dto.FeatureFlags is null && dto.RemoteConfigParameters is null && !HasIdentifyingList(utf8Json))
                throw new HackleConfigException("Workspace config is not valid: " + WireSchema.NoIdentifyingList + " (an empty object or another document).");
            try
            {
                return new WorkspaceMapper(problems).Map(dto);
            }
            catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
            {
                // The reader checks the structure, not every byte of a string; an untyped value (a remote-config
                // value, a rule's value) is only decoded here. Invalid UTF-8 is a bad config, not a crash.
                throw new HackleConfigException("Workspace config is not valid: a string is not valid UTF-8.", null, null, e);
            }
        }

        /// <summary>True when the root object (already known to be valid JSON) names one of <see cref="WireSchema.IdentifyingLists"/>.</summary>
        private static bool HasIdentifyingList(ReadOnlySpan<byte> utf8Json)
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = WireText.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                foreach (var name in WireSchema.IdentifyingLists)
                {
                    if (reader.ValueTextEquals(name)) return true;
                }
                reader.Read();
                reader.Skip();
            }
            return false;
        }

        /// <summary>The whole document bound at once, or null when any part of it does not bind.</summary>
        private static WorkspaceDto? TryReadWhole(ReadOnlySpan<byte> utf8Json)
        {
            WorkspaceDto? dto;
            try
            {
                dto = JsonSerializer.Deserialize(utf8Json, WorkspaceJsonContext.Default.WorkspaceDto);
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is FormatException)
            {
                return null;
            }
            if (dto is null) return null;
            Number(dto.Experiments);
            Number(dto.FeatureFlags);
            Number(dto.RemoteConfigParameters);
            return dto;
        }

        /// <summary>Gives each item its position, as the entity-by-entity path does (null items count).</summary>
        private static void Number<T>(List<T?>? items) where T : ListItemDto
        {
            if (items is null) return;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is T item) item.Index = i;
            }
        }

        private static WorkspaceDto ReadRoot(ReadOnlySpan<byte> utf8Json, List<string> problems)
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = WireText.MaxDepth });
            if (!reader.Read()) throw new HackleConfigException("Workspace config is empty.");
            if (reader.TokenType == JsonTokenType.Null) throw new HackleConfigException("Workspace config is empty (JSON null).");
            if (reader.TokenType != JsonTokenType.StartObject) throw new HackleConfigException("Workspace config is not a JSON object.");

            var dto = new WorkspaceDto();
            var context = WorkspaceJsonContext.Default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Repeated root properties: the last one wins, as in every JSON binder the SDKs use.
                if (reader.ValueTextEquals(WireSchema.Lists.Experiments)) dto.Experiments = ReadList(ref reader, WireSchema.Lists.Experiments, context.ExperimentDto, problems);
                else if (reader.ValueTextEquals(WireSchema.Lists.FeatureFlags)) dto.FeatureFlags = ReadList(ref reader, WireSchema.Lists.FeatureFlags, context.ExperimentDto, problems);
                else if (reader.ValueTextEquals(WireSchema.Lists.Buckets)) dto.Buckets = ReadList(ref reader, WireSchema.Lists.Buckets, context.BucketDto, problems);
                else if (reader.ValueTextEquals(WireSchema.Lists.Events)) dto.Events = ReadList(ref reader, WireSchema.Lists.Events, context.EventTypeDto, problems);
                else if (reader.ValueTextEquals(WireSchema.Lists.Segments)) dto.Segments = ReadList(ref reader, WireSchema.Lists.Segments, context.SegmentDto, problems);
                else if (reader.ValueTextEquals(WireSchema.Lists.Containers)) dto.Containers = ReadList(ref reader, WireSchema.Lists.Containers, context.ContainerDto, problems);
                else if (reader.ValueTextEquals(WireSchema.Lists.ParameterConfigurations)) dto.ParameterConfigurations = ReadList(ref reader, WireSchema.Lists.ParameterConfigurations, context.ParameterConfigurationDto, problems);
                else if (reader.ValueTextEquals(WireSchema.Lists.RemoteConfigParameters)) dto.RemoteConfigParameters = ReadList(ref reader, WireSchema.Lists.RemoteConfigParameters, context.RemoteConfigParameterDto, problems);
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Anything after the root object is a syntax error, which Read reports.
            while (reader.Read()) { }
            return dto;
        }

        /// <summary>Reads one root list; an item that does not bind is skipped and named in <paramref name="problems"/>.</summary>
        private static List<T?>? ReadList<T>(ref Utf8JsonReader reader, string name, JsonTypeInfo<T> typeInfo, List<string> problems) where T : class
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartArray)
                throw new HackleConfigException($"Workspace config is not valid: '{name}' is not an array.");
            var items = new List<T?>();
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Null && reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    problems.Add(name + "[" + index + "] was dropped: " + ItemRules.NotAnObject);
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    // The reader is a struct over the whole buffer: a copy is a checkpoint to skip the item from.
                    var checkpoint = reader;
                    try
                    {
                        var item = JsonSerializer.Deserialize(ref reader, typeInfo);
                        if (item is ListItemDto listItem) listItem.Index = index;
                        items.Add(item);
                    }
                    catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is FormatException)
                    {
                        reader = checkpoint;
                        // A syntax error inside the item throws again here and rejects the whole config.
                        reader.Skip();
                        problems.Add(name + "[" + index + "] was dropped: " + WrongKind(e));
                    }
                }
                index++;
            }
            return items;
        }

        private static string WrongKind(Exception e)
        {
            var path = (e as JsonException)?.Path;
            var field = string.IsNullOrEmpty(path) || path == "$" ? "the item" : "'" + path!.TrimStart('$', '.') + "'";
            var message = e.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return field + " has the wrong JSON type (" + (cut > 0 ? message.Substring(0, cut) : message) + ")";
        }

        private static string FirstSentence(string message)
        {
            // STJ appends "Path: $.x | LineNumber: 0 | BytePositionInLine: 5."; we report 1-based positions ourselves.
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            var path = message.IndexOf("Path: ", StringComparison.Ordinal);
            var pathText = path >= 0 ? message.Substring(path + 6).Split('|')[0].Trim() : null;
            var head = cut > 0 ? message.Substring(0, cut) : message;
            return pathText is null ? head : head + " (at " + pathText + ")";
        }
    }
}
