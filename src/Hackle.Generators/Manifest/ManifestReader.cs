// Manifest/ is the hackle.flags.json reader shared by Hackle.Generators and Hackle.Analyzers, which
// compiles these same files by linking them (<Compile Include="../Hackle.Generators/Manifest/**/*.cs" />).
// It depends on Microsoft.CodeAnalysis and the BCL only, never on generator-pipeline types.
//
// Stable surface (internal types, namespace Hackle.Generators.Manifest):
//   ManifestReader.FileName, ManifestReader.IsManifestPath(path)
//   ManifestReader.Read(path, SourceText, CancellationToken) -> ManifestModel   (never throws on bad input)
//   ManifestModel, ExperimentModel, VariationModel, FeatureModel, RemoteConfigModel, ItemStatus(+Names),
//   RemoteConfigType: equatable records, items sorted by key
//   ManifestDiagnostic(ManifestProblem, LocationInfo, Arguments): problems with exact file locations
//   LocationInfo (ToLocation, From, In), EquatableArray<T>
//   JsonReader.Parse / JsonNode / JsonProperty: the JSON layer, usable on its own
// A project that links these files must not declare its own System.Runtime.CompilerServices.IsExternalInit.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Generators.Manifest
{
    /// <summary>
    /// Turns the text of a hackle.flags.json (the Hackle workspace-config wire format) into a
    /// <see cref="ManifestModel"/>. It reads only what typed accessors need and follows the SDKs' mapping
    /// rules: status from <c>execution.status</c>, unknown fields ignored, items the SDKs drop are skipped
    /// (with a diagnostic), and for repeated keys the last definition wins.
    /// </summary>
    internal static class ManifestReader
    {
        /// <summary>The manifest's conventional file name.</summary>
        public const string FileName = "hackle.flags.json";

        /// <summary>True when <paramref name="path"/> names a hackle.flags.json (case-insensitive).</summary>
        public static bool IsManifestPath(string path) =>
            string.Equals(System.IO.Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase);

        /// <summary>Reads a manifest. Bad input gives diagnostics, never an exception.</summary>
        public static ManifestModel Read(string path, SourceText text, CancellationToken cancellationToken)
        {
            var reader = new Reader(path, text);
            return reader.Read(cancellationToken);
        }

        /// <summary>How diagnostics name an item: <c>'Checkout' (key 42)</c>, or <c>key 42</c> without a name.</summary>
        public static string Display(string? name, long key)
        {
            var keyText = "key " + key.ToString(CultureInfo.InvariantCulture);
            return string.IsNullOrEmpty(name) ? keyText : "'" + name + "' (" + keyText + ")";
        }

        /// <summary>Normalizes a variation key as the SDKs do (a..j are accepted); null when it is not A..J.</summary>
        public static string? NormalizeVariationKey(string key)
        {
            if (key.Length != 1) return null;
            var c = key[0];
            if (c >= 'A' && c <= 'J') return key;
            if (c >= 'a' && c <= 'j') return ((char)(c - 'a' + 'A')).ToString();
            return null;
        }

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
                var root = JsonReader.Parse(_text.ToString(), cancellationToken, out var error);
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
                if (!IsListOrNull(experiments, "experiments") | !IsListOrNull(featureFlags, "featureFlags") |
                    !IsListOrNull(parameters, "remoteConfigParameters"))
                {
                    return Invalid();
                }
                CheckDuplicateProperties(root);

                var experimentModels = new SortedDictionary<long, ExperimentModel>();
                var featureModels = new SortedDictionary<long, FeatureModel>();
                var parameterModels = new SortedDictionary<string, RemoteConfigModel>(StringComparer.Ordinal);
                ReadList(experiments, "experiments", (item, label) => ReadExperiment(item, label, experimentModels));
                ReadList(featureFlags, "featureFlags", (item, label) => ReadFeature(item, label, featureModels));
                ReadList(parameters, "remoteConfigParameters", (item, label) => ReadParameter(item, label, parameterModels));

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

            private static void ReadList(JsonNode? list, string name, Action<JsonNode, string> read)
            {
                if (list is null) return;
                var items = list.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    read(items[i], name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                }
            }

            private void ReadExperiment(JsonNode item, string label, SortedDictionary<long, ExperimentModel> into)
            {
                if (!TryReadCommon(item, label, "Experiment", out var key, out var keyNode, out var name, out var location, out var status)) return;
                var display = Display(name, key);
                var variations = ReadVariations(item, display, out var winner);
                if (variations.Count == 0)
                {
                    Report(ManifestProblem.TooFewVariations, location, display);
                    return;
                }
                var model = new ExperimentModel(key, name, item.GetString("description"), status,
                    new EquatableArray<VariationModel>(variations.ToArray()), winner, location);
                AddOrReplace(into, key, model, keyNode, "experiment key");
            }

            private void ReadFeature(JsonNode item, string label, SortedDictionary<long, FeatureModel> into)
            {
                if (!TryReadCommon(item, label, "Feature flag", out var key, out var keyNode, out var name, out var location, out var status)) return;
                ReadVariations(item, Display(name, key), out var winner);
                var model = new FeatureModel(key, name, item.GetString("description"), status, winner, location);
                AddOrReplace(into, key, model, keyNode, "feature flag key");
            }

            /// <summary>Reads what experiments and feature flags share: key, name and status.</summary>
            private bool TryReadCommon(JsonNode item, string label, string kind, out long key, out JsonNode keyNode,
                out string? name, out LocationInfo location, out ItemStatus status)
            {
                key = 0;
                keyNode = item;
                name = null;
                location = At(item);
                status = ItemStatus.Draft;
                if (item.Kind != JsonKind.Object)
                {
                    Report(ManifestProblem.SkippedItem, At(item), label, "it is not a JSON object");
                    return false;
                }
                CheckDuplicateProperties(item);
                var keyValue = item.Get("key");
                if (keyValue is null || !TryGetLong(keyValue, out key))
                {
                    Report(ManifestProblem.SkippedItem, At(keyValue ?? item), label, "'key' is missing or is not an integer");
                    return false;
                }
                keyNode = keyValue;
                var nameValue = item.Get("name");
                name = nameValue != null && nameValue.Kind == JsonKind.String ? nameValue.Text : null;
                location = At(name != null ? nameValue! : keyValue);

                var execution = item.Get("execution");
                var statusValue = execution != null && execution.Kind == JsonKind.Object ? execution.Get("status") : null;
                var wire = statusValue != null && statusValue.Kind == JsonKind.String ? statusValue.Text : null;
                if (!ItemStatusNames.TryParseWire(wire, out status))
                {
                    var reason = wire is null
                        ? "it has no 'execution.status', so the SDK ignores it"
                        : "'execution.status' is '" + wire + "', not READY, RUNNING, PAUSED or STOPPED, so the SDK ignores it";
                    Report(ManifestProblem.SkippedItem, At(statusValue ?? execution ?? item), kind + " " + Display(name, key), reason);
                    return false;
                }
                return true;
            }

            /// <summary>Reads the variations; for repeated keys the first wins, as in the SDK's lookup.</summary>
            private List<VariationModel> ReadVariations(JsonNode item, string display, out string? winnerKey)
            {
                winnerKey = null;
                var result = new List<VariationModel>();
                var list = item.Get("variations");
                if (list is null || list.Kind != JsonKind.Array) return result;

                var winner = item.Get("winnerVariationId");
                long winnerId = 0;
                var hasWinner = winner != null && TryGetLong(winner, out winnerId);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var variation in list.Items)
                {
                    if (variation.Kind != JsonKind.Object) continue;
                    CheckDuplicateProperties(variation);
                    var keyValue = variation.Get("key");
                    // The SDKs skip variations without a key silently; so does the reader.
                    if (keyValue is null || keyValue.Kind != JsonKind.String) continue;
                    var key = NormalizeVariationKey(keyValue.Text!);
                    if (key is null)
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
                    if (hasWinner && idValue != null && TryGetLong(idValue, out var id) && id == winnerId) winnerKey = key;
                    result.Add(new VariationModel(key, variation.GetString("name"),
                        string.Equals(variation.GetString("status"), "DROPPED", StringComparison.Ordinal), At(keyValue)));
                }
                result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                return result;
            }

            private void ReadParameter(JsonNode item, string label, SortedDictionary<string, RemoteConfigModel> into)
            {
                if (item.Kind != JsonKind.Object)
                {
                    Report(ManifestProblem.SkippedItem, At(item), label, "it is not a JSON object");
                    return;
                }
                CheckDuplicateProperties(item);
                var keyValue = item.Get("key");
                if (keyValue is null || keyValue.Kind != JsonKind.String || keyValue.Text!.Length == 0)
                {
                    Report(ManifestProblem.SkippedItem, At(keyValue ?? item), label, "'key' is missing or is not a non-empty string");
                    return;
                }
                var key = keyValue.Text;
                var typeValue = item.Get("type");
                var wireType = typeValue != null && typeValue.Kind == JsonKind.String ? typeValue.Text! : "";
                RemoteConfigType type;
                switch (wireType)
                {
                    case "STRING":
                    case "JSON":
                        type = RemoteConfigType.String;
                        break;
                    case "NUMBER":
                        type = RemoteConfigType.Number;
                        break;
                    case "BOOLEAN":
                        type = RemoteConfigType.Boolean;
                        break;
                    default:
                        Report(ManifestProblem.SkippedItem, At(typeValue ?? item), "Remote-config parameter '" + key + "'",
                            "type '" + wireType + "' has no typed accessor (STRING, NUMBER, BOOLEAN and JSON do)");
                        return;
                }

                var defaultObject = item.Get("defaultValue");
                var defaultValue = defaultObject != null && defaultObject.Kind == JsonKind.Object ? defaultObject.Get("value") : null;
                var text = DefaultText(defaultValue, type);
                if (text is null)
                {
                    var fallback = type == RemoteConfigType.String ? "" : type == RemoteConfigType.Number ? "0" : "false";
                    var problem = defaultValue is null
                        ? "has no default value"
                        : "has a default value that is not a " + (type == RemoteConfigType.Boolean ? "boolean" : type == RemoteConfigType.Number ? "finite number" : "string");
                    Report(ManifestProblem.InvalidDefaultValue, At(defaultValue ?? defaultObject ?? keyValue), key, problem, wireType,
                        type == RemoteConfigType.String ? "\"\"" : fallback);
                    text = fallback;
                }
                var model = new RemoteConfigModel(key, wireType, type, text, item.GetString("description"), At(keyValue));
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

            private static bool TryGetLong(JsonNode node, out long value)
            {
                value = 0;
                return node.Kind == JsonKind.Number &&
                       long.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
            }

            private LocationInfo At(JsonNode node) => At(node.Start, node.Length);

            private LocationInfo At(int start, int length) => LocationInfo.In(_path, _text, start, length);

            private void Report(ManifestProblem problem, LocationInfo location, params string[] arguments) =>
                _diagnostics.Add(ManifestDiagnostic.Create(problem, location, arguments));
        }
    }
}
