// Manifest/ is the hackle.flags.json reader shared by Hackle.Generators and Hackle.Analyzers, which
// compiles these same files by linking them (<Compile Include="../Hackle.Generators/Manifest/**/*.cs" />).
// It depends on Microsoft.CodeAnalysis and the BCL only, never on generator-pipeline types.
//
// The rules of the format (statuses, variation keys, value types, integer fields, which items are kept,
// which file is the manifest) are not here but in the shared src/Hackle.Manifest, which the runtime's
// parser compiles too; both projects that link this folder must link that one as well.
//
// Stable surface (internal types, namespace Hackle.Generators.Manifest):
//   ManifestReader.Read(path, SourceText, CancellationToken) -> ManifestModel   (never throws on bad input)
//   ManifestModel, ExperimentModel, VariationModel, FeatureModel, RemoteConfigModel, RemoteConfigType:
//   equatable records, items sorted by key (ItemStatus and the rules: Hackle.Manifest)
//   ManifestDiagnostic(ManifestProblem, LocationInfo, Arguments): problems with exact file locations
//   LocationInfo (ToLocation, From, In), EquatableArray<T>
//   JsonReader.Parse / JsonNode / JsonProperty: the JSON layer, usable on its own
// A project that links these files must not declare its own System.Runtime.CompilerServices.IsExternalInit.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Hackle.Manifest;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Generators.Manifest
{
    /// <summary>
    /// Turns the text of a hackle.flags.json (the Hackle workspace-config wire format) into a
    /// <see cref="ManifestModel"/>. It reads only what typed accessors need and follows the SDKs' mapping
    /// rules: status from <c>execution.status</c>, unknown fields ignored, items the SDKs drop are skipped
    /// (with a diagnostic), and for repeated keys the last definition wins. It keeps exactly the items the
    /// runtime's parser keeps: both apply <see cref="WireSchema"/> and <see cref="ItemRules"/>.
    /// </summary>
    internal static class ManifestReader
    {
        /// <summary>Reads a manifest. Bad input gives diagnostics, never an exception.</summary>
        public static ManifestModel Read(string path, SourceText text, CancellationToken cancellationToken)
        {
            var reader = new Reader(path, text);
            return reader.Read(cancellationToken);
        }

        // Only these root lists are read item by item; of the others (buckets, segments, ...: most of a config) only
        // the kind is checked, so the JSON reader does not build their trees.
        private static readonly Func<string, bool> s_isReadList = name =>
            name == WireSchema.Lists.Experiments || name == WireSchema.Lists.FeatureFlags || name == WireSchema.Lists.RemoteConfigParameters;

        /// <summary>The state of one read: where diagnostics go and how offsets become locations.</summary>
        private sealed class Reader
        {
            private readonly string _path;
            private readonly string _fileName;
            private readonly SourceText _text;
            private readonly List<ManifestDiagnostic> _diagnostics = new List<ManifestDiagnostic>();

            public Reader(string path, SourceText text)
            {
                _path = path;
                _fileName = System.IO.Path.GetFileName(path);
                _text = text;
            }

            public ManifestModel Read(CancellationToken cancellationToken)
            {
                var root = JsonReader.Parse(_text.ToString(), cancellationToken, out var error, s_isReadList);
                if (root is null)
                {
                    var syntax = error ?? new JsonSyntaxError(0, 0, "the document is empty");
                    var location = At(syntax.Position, syntax.Length);
                    var start = location.LineSpan.Start;
                    Report(ManifestProblem.InvalidJson, location, _fileName, syntax.Message,
                        (start.Line + 1).ToString(CultureInfo.InvariantCulture),
                        (start.Character + 1).ToString(CultureInfo.InvariantCulture));
                    return Invalid();
                }
                if (root.Kind != JsonKind.Object)
                {
                    Report(ManifestProblem.UnsupportedFormat, At(root), _fileName, "the root is not a JSON object");
                    return Invalid();
                }

                var experiments = root.Get("experiments");
                var featureFlags = root.Get("featureFlags");
                var parameters = root.Get("remoteConfigParameters");
                if (experiments is null && featureFlags is null && parameters is null)
                {
                    Report(ManifestProblem.UnsupportedFormat, At(root.Start, 1), _fileName,
                        "it has none of 'experiments', 'featureFlags' or 'remoteConfigParameters'; export the workspace config from Hackle");
                    return Invalid();
                }
                // Every root list the runtime binds must be an array (or null), or the runtime rejects the whole config.
                var listsOk = true;
                foreach (var property in root.Properties)
                {
                    foreach (var list in WireSchema.RootLists)
                    {
                        if (string.Equals(property.Name, list.Name, StringComparison.Ordinal)) listsOk &= IsListOrNull(property.Value, list.Name);
                    }
                }
                if (!listsOk) return Invalid();
                CheckDuplicateProperties(root);

                var experimentModels = new SortedDictionary<long, ExperimentModel>();
                var featureModels = new SortedDictionary<long, FeatureModel>();
                var parameterModels = new SortedDictionary<string, RemoteConfigModel>(StringComparer.Ordinal);
                ReadList(experiments, WireSchema.Lists.Experiments, (item, label) => ReadExperiment(item, label, experimentModels));
                ReadList(featureFlags, WireSchema.Lists.FeatureFlags, (item, label) => ReadFeature(item, label, featureModels));
                ReadList(parameters, WireSchema.Lists.RemoteConfigParameters, (item, label) => ReadParameter(item, label, parameterModels));

                return new ManifestModel(_path, true,
                    EquatableArray<ExperimentModel>.From(experimentModels.Values),
                    EquatableArray<FeatureModel>.From(featureModels.Values),
                    EquatableArray<RemoteConfigModel>.From(parameterModels.Values),
                    EquatableArray<ManifestDiagnostic>.From(_diagnostics));
            }

            private ManifestModel Invalid() =>
                new ManifestModel(_path, false, EquatableArray<ExperimentModel>.Empty, EquatableArray<FeatureModel>.Empty,
                    EquatableArray<RemoteConfigModel>.Empty, EquatableArray<ManifestDiagnostic>.From(_diagnostics));

            private bool IsListOrNull(JsonNode? node, string name)
            {
                if (node is null || node.Kind == JsonKind.Array || node.Kind == JsonKind.Null) return true;
                Report(ManifestProblem.UnsupportedFormat, At(node), _fileName, "'" + name + "' is not an array");
                return false;
            }

            private static void ReadList(JsonNode? list, string name, Action<JsonNode, ItemLabel> read)
            {
                if (list is null) return;
                var items = list.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    // A null item is skipped silently, as the runtime does.
                    if (items[i].Kind == JsonKind.Null) continue;
                    read(items[i], new ItemLabel(name, i));
                }
            }

            /// <summary>"experiments[3]": names an item by position in messages; built only when a message needs it.</summary>
            private readonly struct ItemLabel
            {
                private readonly string _list;
                private readonly int _index;

                public ItemLabel(string list, int index)
                {
                    _list = list;
                    _index = index;
                }

                public override string ToString() => _list + "[" + _index.ToString(CultureInfo.InvariantCulture) + "]";
            }

            private void ReadExperiment(JsonNode item, ItemLabel label, SortedDictionary<long, ExperimentModel> into)
            {
                if (!TryReadCommon(item, label, "Experiment", out var key, out var keyNode, out var name, out var location, out var status)) return;
                var display = ItemRules.Display(name, key);
                var variations = ReadVariations(item, display, out var winner, ReadOverrideTargets(item));
                var model = new ExperimentModel(key, name, item.GetString("description"), status,
                    new EquatableArray<VariationModel>(variations.ToArray()), winner, location);
                AddOrReplace(into, key, model, keyNode, "experiment key");
            }

            private void ReadFeature(JsonNode item, ItemLabel label, SortedDictionary<long, FeatureModel> into)
            {
                if (!TryReadCommon(item, label, "Feature flag", out var key, out var keyNode, out var name, out var location, out var status)) return;
                ReadVariations(item, ItemRules.Display(name, key), out var winner, null);
                var model = new FeatureModel(key, name, item.GetString("description"), status, winner, location);
                AddOrReplace(into, key, model, keyNode, "feature flag key");
            }

            /// <summary>Reads what experiments and feature flags share: key, name and status.</summary>
            private bool TryReadCommon(JsonNode item, ItemLabel label, string kind, out long key, out JsonNode keyNode,
                out string? name, out LocationInfo location, out ItemStatus status)
            {
                key = 0;
                keyNode = item;
                name = null;
                location = At(item);
                status = ItemStatus.Draft;
                if (item.Kind != JsonKind.Object)
                {
                    Report(ManifestProblem.SkippedItem, At(item), label.ToString(), ItemRules.NotAnObject);
                    return false;
                }
                CheckDuplicateProperties(item);
                var shapeProblem = WireShapeCheck.FindProblem(item, WireSchema.Experiment, "", out var wrong);
                if (shapeProblem != null)
                {
                    Report(ManifestProblem.SkippedItem, At(wrong ?? item), label.ToString(), shapeProblem);
                    return false;
                }
                var keyValue = item.Get("key");
                var hasKey = WireShapeCheck.TryGetInt64(keyValue, out key);
                var nameValue = item.Get("name");
                name = nameValue != null && nameValue.Kind == JsonKind.String ? nameValue.Text : null;
                if (hasKey)
                {
                    keyNode = keyValue!;
                    location = At(name != null ? nameValue! : keyValue!);
                }

                var execution = Present(item.Get("execution"));
                var statusValue = Present(execution?.Get("status"));
                var defaultRule = Present(execution?.Get("defaultRule"));
                var problem = ItemRules.ExperimentProblem(hasKey, execution != null, statusValue?.Text, defaultRule != null,
                    Present(defaultRule?.Get("type"))?.Text, WireShapeCheck.TryGetInt64(defaultRule?.Get("variationId"), out _),
                    WireShapeCheck.TryGetInt64(defaultRule?.Get("bucketId"), out _), out status);
                if (problem != null)
                {
                    // Point at what is wrong: the key, else an unknown status, else the (missing) default rule.
                    JsonNode where;
                    if (!hasKey) where = keyValue ?? item;
                    else if (statusValue != null && !ItemStatusNames.TryParseWire(statusValue.Text, out _)) where = statusValue;
                    else where = defaultRule ?? execution ?? item;
                    // Named as the runtime names it: by key when there is one, else by position.
                    Report(ManifestProblem.SkippedItem, At(where), hasKey ? kind + " " + ItemRules.Display(name, key) : label.ToString(), problem);
                    return false;
                }
                return true;
            }

            /// <summary>Null for an absent property or a JSON null, which both readers treat as unset.</summary>
            private static JsonNode? Present(JsonNode? node) => node is null || node.Kind == JsonKind.Null ? null : node;

            /// <summary>Reads the variations; for repeated keys the first wins, as in the SDK's lookup.</summary>
            private List<VariationModel> ReadVariations(JsonNode item, string display, out string? winnerKey, OverrideTargets? overrides)
            {
                winnerKey = null;
                var result = new List<VariationModel>();
                var list = item.Get("variations");
                if (list is null || list.Kind != JsonKind.Array) return result;

                var hasWinner = WireShapeCheck.TryGetInt64(item.Get("winnerVariationId"), out var winnerId);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var variation in list.Items)
                {
                    if (variation.Kind != JsonKind.Object) continue; // null: skipped by both readers (others never get here)
                    CheckDuplicateProperties(variation);
                    var keyValue = variation.Get("key");
                    // The runtime skips variations without a key silently; so does the reader.
                    if (keyValue is null || keyValue.Kind != JsonKind.String) continue;
                    if (!VariationKey.TryNormalize(keyValue.Text, out var key))
                    {
                        Report(ManifestProblem.SkippedItem, At(keyValue), "Variation '" + keyValue.Text + "' of " + display,
                            "variation keys are A to J");
                        continue;
                    }
                    if (!seen.Add(key))
                    {
                        Report(ManifestProblem.DuplicateVariation, At(keyValue), display, key);
                        continue;
                    }
                    var idValue = variation.Get("id");
                    if (hasWinner && WireShapeCheck.TryGetInt64(idValue, out var id) && id == winnerId) winnerKey = key;
                    var overridden = overrides != null && (overrides.AnyBucket || WireShapeCheck.TryGetInt64(idValue, out var variationId) && overrides.Ids.Contains(variationId));
                    result.Add(new VariationModel(key, variation.GetString("name"), VariationKey.IsDropped(variation.GetString("status")), At(keyValue), overridden));
                }
                result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                return result;
            }

            /// <summary>The variations an experiment's overrides can hand out, whatever its status and the variations' status.</summary>
            private sealed class OverrideTargets
            {
                public HashSet<long> Ids { get; } = new HashSet<long>();

                /// <summary>A segment override that buckets can land on any variation.</summary>
                public bool AnyBucket { get; set; }
            }

            private static OverrideTargets ReadOverrideTargets(JsonNode item)
            {
                var targets = new OverrideTargets();
                var execution = Present(item.Get("execution"));
                if (execution is null || execution.Kind != JsonKind.Object) return targets;
                foreach (var user in Items(execution.Get("userOverrides")))
                {
                    if (user.Kind == JsonKind.Object && WireShapeCheck.TryGetInt64(user.Get("variationId"), out var id)) targets.Ids.Add(id);
                }
                foreach (var rule in Items(execution.Get("segmentOverrides")))
                {
                    var action = rule.Kind == JsonKind.Object ? Present(rule.Get("action")) : null;
                    if (action is null || action.Kind != JsonKind.Object) continue;
                    if (WireShapeCheck.TryGetInt64(action.Get("variationId"), out var id) && action.GetString("type") != "BUCKET") targets.Ids.Add(id);
                    else if (action.GetString("type") == "BUCKET") targets.AnyBucket = true;
                }
                return targets;
            }

            private static List<JsonNode> Items(JsonNode? list) => list != null && list.Kind == JsonKind.Array ? list.Items : new List<JsonNode>();

            private void ReadParameter(JsonNode item, ItemLabel label, SortedDictionary<string, RemoteConfigModel> into)
            {
                if (item.Kind != JsonKind.Object)
                {
                    Report(ManifestProblem.SkippedItem, At(item), label.ToString(), ItemRules.NotAnObject);
                    return;
                }
                CheckDuplicateProperties(item);
                var shapeProblem = WireShapeCheck.FindProblem(item, WireSchema.RemoteConfigParameter, "", out var wrong);
                if (shapeProblem != null)
                {
                    Report(ManifestProblem.SkippedItem, At(wrong ?? item), label.ToString(), shapeProblem);
                    return;
                }
                var keyValue = Present(item.Get("key"));
                var typeValue = Present(item.Get("type"));
                var wireType = typeValue?.Text;
                var problem = ItemRules.RemoteConfigProblem(keyValue?.Text, wireType, out var valueType);
                if (problem != null)
                {
                    var what = string.IsNullOrEmpty(keyValue?.Text) ? label.ToString() : "Remote-config parameter '" + keyValue!.Text + "'";
                    Report(ManifestProblem.SkippedItem, At(string.IsNullOrEmpty(keyValue?.Text) ? keyValue ?? item : typeValue ?? item), what, problem);
                    return;
                }
                var key = keyValue!.Text!;
                // VERSION and JSON values are strings on the wire, so their accessors read strings.
                var type = valueType switch
                {
                    ConfigValueType.Number => RemoteConfigType.Number,
                    ConfigValueType.Boolean => RemoteConfigType.Boolean,
                    _ => RemoteConfigType.String,
                };

                var defaultObject = item.Get("defaultValue");
                var defaultValue = defaultObject != null && defaultObject.Kind == JsonKind.Object ? defaultObject.Get("value") : null;
                var text = DefaultText(defaultValue, type);
                if (text is null)
                {
                    var fallback = type == RemoteConfigType.String ? "" : type == RemoteConfigType.Number ? "0" : "false";
                    var defaultProblem = defaultValue is null
                        ? "has no default value"
                        : "has a default value that is not a " + (type == RemoteConfigType.Boolean ? "boolean" : type == RemoteConfigType.Number ? "finite number" : "string");
                    Report(ManifestProblem.InvalidDefaultValue, At(defaultValue ?? defaultObject ?? keyValue), key, defaultProblem, wireType!,
                        type == RemoteConfigType.String ? "\"\"" : fallback);
                    text = fallback;
                }
                var rules = Present(item.Get("targetRules"));
                var hasTargetRules = rules != null && (rules.Kind != JsonKind.Array || rules.Items.Count > 0);
                var model = new RemoteConfigModel(key, wireType!, type, text, item.GetString("description"), At(keyValue), hasTargetRules);
                AddOrReplace(into, key, model, keyValue, "remote-config parameter key");
            }

            private static string? DefaultText(JsonNode? value, RemoteConfigType type)
            {
                if (value is null) return null;
                switch (type)
                {
                    case RemoteConfigType.String:
                        return value.Kind == JsonKind.String ? value.Text : null;
                    case RemoteConfigType.Boolean:
                        return value.Kind == JsonKind.True ? "true" : value.Kind == JsonKind.False ? "false" : null;
                    default:
                        // Kept as written (JSON number syntax is valid C#), but only if it fits a double:
                        // 1e999 would be a compile error in the generated constant.
                        return value.Kind == JsonKind.Number &&
                               double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) &&
                               !double.IsInfinity(d) && !double.IsNaN(d)
                            ? value.Text
                            : null;
                }
            }

            /// <summary>Later definitions replace earlier ones, like the SDKs' key indexes.</summary>
            private void AddOrReplace<TKey, TModel>(SortedDictionary<TKey, TModel> into, TKey key, TModel model, JsonNode keyNode, string what)
            {
                if (into.ContainsKey(key))
                {
                    Report(ManifestProblem.DuplicateKey, At(keyNode), what, Convert.ToString(key, CultureInfo.InvariantCulture) ?? "");
                }
                into[key] = model;
            }

            /// <summary>Reports repeated property names; <see cref="JsonNode.Get"/> then takes the last one.</summary>
            private void CheckDuplicateProperties(JsonNode obj)
            {
                var properties = obj.Properties;
                for (var i = 1; i < properties.Count; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        if (!string.Equals(properties[i].Name, properties[j].Name, StringComparison.Ordinal)) continue;
                        Report(ManifestProblem.DuplicateKey, At(properties[i].NameStart, properties[i].NameLength), "property", properties[i].Name);
                        break;
                    }
                }
            }

            private LocationInfo At(JsonNode node) => At(node.Start, node.Length);

            private LocationInfo At(int start, int length) => LocationInfo.In(_path, _text, start, length);

            private void Report(ManifestProblem problem, LocationInfo location, params string[] arguments) =>
                _diagnostics.Add(ManifestDiagnostic.Create(problem, location, arguments));
        }
    }
}
