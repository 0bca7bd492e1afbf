using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Hackle.Generators.Manifest;
using Hackle.Generators.Model;
using Hackle.Generators.Naming;
using Hackle.Manifest;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Generators
{
    /// <summary>
    /// The pure step between parsing and emitting: picks the manifest, applies options and pinned names,
    /// resolves identifiers and decides what is obsolete. Everything it decides is in the returned model
    /// and diagnostics, so it can be tested without running a compilation.
    /// </summary>
    internal static class EmitModelBuilder
    {
        /// <summary>Names the generated classes use for their own members, plus object's members (a nested type
        /// with one of these names would not compile, or would hide a member).</summary>
        private static readonly string[] s_memberNames =
        {
            "Key", "Variant", "Variation", "VariationDetail", "IsOn", "Detail", "Get", "DefaultValue", "ToVariant",
            "Equals", "GetHashCode", "ToString", "GetType", "ReferenceEquals", "MemberwiseClone", "Finalize",
        };

        /// <summary>Names an enum member cannot take in the generated Variant enums.</summary>
        private static readonly string[] s_enumMemberNames =
        {
            "Variant", "value__", "Equals", "GetHashCode", "ToString", "GetType", "GetTypeCode", "CompareTo", "HasFlag",
            "MemberwiseClone", "Finalize",
        };

        /// <summary>
        /// The project's own compilation when its accessors come from <paramref name="accessorAssembly"/>: nothing is
        /// emitted and the manifest's diagnostics are that assembly's, but a name pinned here would silently not
        /// apply, so each pin is reported (HKF017).
        /// </summary>
        public static BuildResult AccessorsReferenced(string accessorAssembly, EquatableArray<NameOverride> overrides)
        {
            var diagnostics = new List<DiagnosticInfo>();
            foreach (var pin in overrides)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PinOutsideAccessorAssembly, pin.Location, pin.Name, accessorAssembly));
            }
            return new BuildResult(null, EquatableArray<DiagnosticInfo>.From(diagnostics));
        }

        public static BuildResult Build(ImmutableArray<ManifestModel> manifests, GeneratorOptions options,
            EquatableArray<NameOverride> overrides, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>(options.Diagnostics);
            if (manifests.IsDefaultOrEmpty)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoManifest, null));
                return new BuildResult(null, EquatableArray<DiagnosticInfo>.From(diagnostics));
            }

            var manifest = PickManifest(manifests, diagnostics);
            if (!manifest.IsValid) return new BuildResult(null, EquatableArray<DiagnosticInfo>.From(diagnostics));
            cancellationToken.ThrowIfCancellationRequested();

            var pins = IndexPins(manifest, overrides, diagnostics);
            var reserved = new HashSet<string>(s_memberNames, StringComparer.Ordinal)
            {
                options.ExperimentsClass, options.FeaturesClass, options.RemoteConfigClass, options.FlagKeysClass,
            };

            var experiments = BuildExperiments(manifest, options, pins, reserved, diagnostics);
            var features = BuildFeatures(manifest, options, pins, reserved, diagnostics);
            var parameters = BuildParameters(manifest, pins, reserved, diagnostics);
            ReportFallbackNames(manifest, experiments, features, pins, diagnostics);
            var model = new EmitModel(System.IO.Path.GetFileName(manifest.Path), options, experiments, features, parameters);
            return new BuildResult(model, EquatableArray<DiagnosticInfo>.From(diagnostics));
        }

        /// <summary>The manifest that counts (<see cref="ManifestFiles.Order"/>), so the choice does not depend on item order.</summary>
        private static ManifestModel PickManifest(ImmutableArray<ManifestModel> manifests, List<DiagnosticInfo> diagnostics)
        {
            if (manifests.Length == 1) return manifests[0];
            var sorted = new List<ManifestModel>(manifests);
            sorted.Sort((a, b) => ManifestFiles.Order(a.Path, b.Path));
            var names = new List<string>();
            foreach (var m in sorted) names.Add(m.Path);
            var list = string.Join(", ", names);
            for (var i = 1; i < sorted.Count; i++)
            {
                var start = new LocationInfo(sorted[i].Path, new TextSpan(0, 0), new LinePositionSpan(default, default));
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleManifests, start, list, sorted[0].Path));
            }
            return sorted[0];
        }

        private static Dictionary<(FlagKind, string), NameOverride> IndexPins(ManifestModel manifest, EquatableArray<NameOverride> overrides,
            List<DiagnosticInfo> diagnostics)
        {
            var known = new HashSet<(FlagKind, string)>();
            foreach (var e in manifest.Experiments) known.Add((FlagKind.Experiment, KeyText(e.Key)));
            foreach (var f in manifest.FeatureFlags) known.Add((FlagKind.FeatureFlag, KeyText(f.Key)));
            foreach (var p in manifest.RemoteConfigParameters) known.Add((FlagKind.RemoteConfig, p.Key));

            var pins = new Dictionary<(FlagKind, string), NameOverride>();
            foreach (var pin in overrides)
            {
                var id = (pin.Kind, pin.Key);
                if (!known.Contains(id))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownNameOverride, pin.Location, KindLabel(pin.Kind).ToLowerInvariant(), pin.Key));
                    continue;
                }
                if (!pins.ContainsKey(id)) pins[id] = pin;
            }
            return pins;
        }

        private static EquatableArray<EmitExperiment> BuildExperiments(ManifestModel manifest, GeneratorOptions options,
            Dictionary<(FlagKind, string), NameOverride> pins, HashSet<string> reserved, List<DiagnosticInfo> diagnostics)
        {
            // The runtime keeps experiments of any size; a single-variation experiment is valid in Hackle and gets an
            // accessor, but one with no variations has nothing to return.
            var choosable = new List<ExperimentModel>();
            foreach (var e in manifest.Experiments)
            {
                if (e.Variations.Count > 0) choosable.Add(e);
                else diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooFewVariations, e.Location, e.Display));
            }
            var (items, names) = KeepAndName(EquatableArray<ExperimentModel>.From(choosable), FlagKind.Experiment, "Experiments",
                e => new Item(e.Key, e.Name, e.Display, e.Status, e.Location, e.Status == ItemStatus.Completed),
                options, pins, reserved, diagnostics);

            var result = new EmitExperiment[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var e = items[i];
                var control = e.Variations[0].Key;
                foreach (var v in e.Variations)
                {
                    if (v.Key == "A") control = "A";
                }
                var obsolete = e.Status == ItemStatus.Completed
                    ? "Experiment " + e.Display + " is COMPLETED" + (e.WinnerVariationKey != null
                        ? "; winner " + e.WinnerVariationKey + ". Remove the branch and keep " + e.WinnerVariationKey + "."
                        : " without a winner, so every user gets " + control + ". Remove the branch and keep " + control + ".")
                    : null;
                result[i] = new EmitExperiment(e.Key, names[i], e.Name, e.Description, e.Status, control, e.WinnerVariationKey, obsolete,
                    BuildVariants(e, control, options, diagnostics));
            }
            return new EquatableArray<EmitExperiment>(result);
        }

        private static EquatableArray<EmitVariant> BuildVariants(ExperimentModel experiment, string control, GeneratorOptions options,
            List<DiagnosticInfo> diagnostics)
        {
            var ordered = new List<VariationModel>(experiment.Variations.Count);
            foreach (var v in experiment.Variations)
            {
                if (v.Key == control) ordered.Insert(0, v);
                else ordered.Add(v);
            }
            var identifiers = options.VariantNamesFromNames ? NamesFromVariationNames(ordered) : null;

            var result = new EmitVariant[ordered.Count];
            for (var i = 0; i < ordered.Count; i++)
            {
                var v = ordered[i];
                string? obsolete = null;
                // The control is what every undecided call returns, so it stays usable even when dropped.
                if (v.IsDropped && v.Key != control)
                {
                    obsolete = "Variation " + v.Key + " of experiment " + experiment.Display + " is DROPPED: users allocated to it get " +
                               control + ". Remove its branch.";
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RetiredItem, v.Location, "Variation " + v.Key + " of experiment",
                        experiment.Display, "DROPPED", options.FinishedItemsAsDiagnostic
                            ? "users allocated to it get " + control + "; remove its branch (its enum member is not [Obsolete] because " +
                              OptionsReader.FinishedItemsProperty + " is 'diagnostic')"
                            : "its enum member is generated as [Obsolete]"));
                }
                result[i] = new EmitVariant(v.Key, identifiers?[i] ?? v.Key, v.Name, v.Key == control, obsolete);
            }
            return new EquatableArray<EmitVariant>(result);
        }

        /// <summary>Enum members from variation names, only when every name gives a distinct usable identifier;
        /// otherwise null and the keys are used (they are always valid).</summary>
        private static string[]? NamesFromVariationNames(List<VariationModel> variations)
        {
            var names = new string[variations.Count];
            var seen = new HashSet<string>(s_enumMemberNames, StringComparer.Ordinal);
            for (var i = 0; i < variations.Count; i++)
            {
                var name = variations[i].Name;
                if (string.IsNullOrEmpty(name)) return null;
                var identifier = IdentifierSanitizer.Sanitize(name!, "_").Identifier;
                if (identifier.StartsWith("@", StringComparison.Ordinal) || identifier == "_" || !seen.Add(identifier)) return null;
                names[i] = identifier;
            }
            return names;
        }

        private static EquatableArray<EmitFeature> BuildFeatures(ManifestModel manifest, GeneratorOptions options,
            Dictionary<(FlagKind, string), NameOverride> pins, HashSet<string> reserved, List<DiagnosticInfo> diagnostics)
        {
            var (items, names) = KeepAndName(manifest.FeatureFlags, FlagKind.FeatureFlag, "Feature flags",
                f => new Item(f.Key, f.Name, f.Display, f.Status, f.Location, f.Status == ItemStatus.Paused || f.Status == ItemStatus.Completed),
                options, pins, reserved, diagnostics);

            var result = new EmitFeature[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var f = items[i];
                string? obsolete = null;
                if (f.Status == ItemStatus.Paused)
                {
                    obsolete = "Feature flag " + f.Display + " is PAUSED, so it is off for everyone. Remove the check and keep the off path.";
                }
                else if (f.Status == ItemStatus.Completed)
                {
                    var on = f.WinnerVariationKey != null && f.WinnerVariationKey != "A";
                    obsolete = "Feature flag " + f.Display + " is COMPLETED" +
                               (f.WinnerVariationKey != null ? "; winner " + f.WinnerVariationKey : " without a winner") +
                               ", so it is " + (on ? "on" : "off") + " for everyone. Remove the check and keep the " + (on ? "on" : "off") + " path.";
                }
                result[i] = new EmitFeature(f.Key, names[i], f.Name, f.Description, f.Status, obsolete);
            }
            return new EquatableArray<EmitFeature>(result);
        }

        private static EquatableArray<EmitParameter> BuildParameters(ManifestModel manifest,
            Dictionary<(FlagKind, string), NameOverride> pins, HashSet<string> reserved, List<DiagnosticInfo> diagnostics)
        {
            var items = manifest.RemoteConfigParameters;
            var requests = new List<NameRequest>();
            foreach (var p in items)
            {
                pins.TryGetValue((FlagKind.RemoteConfig, p.Key), out var pin);
                var suffix = StableHash(p.Key);
                requests.Add(new NameRequest("Remote-config parameter", "'" + p.Key + "'", p.Key, "Parameter" + suffix, suffix,
                    pin?.Name, p.Location, pin?.Location, PinExample(FlagKind.RemoteConfig, "\"" + p.Key + "\"")));
            }
            var names = ScopeNamer.Resolve(requests, reserved, "Remote-config parameters", diagnostics);

            var result = new EmitParameter[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var p = items[i];
                result[i] = new EmitParameter(p.Key, names[i], p.WireType, p.Type, p.DefaultValue, p.Description);
            }
            return new EquatableArray<EmitParameter>(result);
        }

        /// <summary>
        /// Reports, once per manifest, how many generated experiments and flags have no dashboard name and so got
        /// a fallback name (<c>Experiment5</c>, <c>Feature1</c>): common in real exports, harmless, but a name
        /// given in Hackle later renames them, so the message says how to pin them.
        /// </summary>
        private static void ReportFallbackNames(ManifestModel manifest, EquatableArray<EmitExperiment> experiments,
            EquatableArray<EmitFeature> features, Dictionary<(FlagKind, string), NameOverride> pins, List<DiagnosticInfo> diagnostics)
        {
            var examples = new List<string>();
            string? pinExample = null;
            var count = 0;
            foreach (var e in experiments)
            {
                if (!string.IsNullOrEmpty(e.Name) || pins.ContainsKey((FlagKind.Experiment, KeyText(e.Key)))) continue;
                count++;
                if (examples.Count < 3) examples.Add(e.Identifier);
                pinExample ??= PinExample(FlagKind.Experiment, KeyText(e.Key)).Replace("\"NewName\"", "\"" + e.Identifier + "\"");
            }
            foreach (var f in features)
            {
                if (!string.IsNullOrEmpty(f.Name) || pins.ContainsKey((FlagKind.FeatureFlag, KeyText(f.Key)))) continue;
                count++;
                if (examples.Count < 3) examples.Add(f.Identifier);
                pinExample ??= PinExample(FlagKind.FeatureFlag, KeyText(f.Key)).Replace("\"NewName\"", "\"" + f.Identifier + "\"");
            }
            if (count == 0) return;
            var start = new LocationInfo(manifest.Path, new TextSpan(0, 0), new LinePositionSpan(default, default));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FallbackNames, start,
                count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " experiment or feature flag" : " experiments and feature flags"),
                count == 1 ? "has" : "have", string.Join(", ", examples) + (count > examples.Count ? ", ..." : ""),
                System.IO.Path.GetFileName(manifest.Path), pinExample!));
        }

        /// <summary>What naming and retiring need to know of an experiment or a feature flag.</summary>
        private readonly record struct Item(long Key, string? Name, string Display, ItemStatus Status, LocationInfo Location, bool IsFinished);

        /// <summary>Keeps the items to generate (reporting finished ones, HKF009) and resolves their identifiers.</summary>
        private static (List<T> Items, string[] Names) KeepAndName<T>(EquatableArray<T> all, FlagKind kind, string scopeLabel,
            Func<T, Item> describe, GeneratorOptions options, Dictionary<(FlagKind, string), NameOverride> pins, HashSet<string> reserved,
            List<DiagnosticInfo> diagnostics)
            where T : IEquatable<T>
        {
            var items = new List<T>();
            var requests = new List<NameRequest>();
            foreach (var model in all)
            {
                var item = describe(model);
                if (item.IsFinished && !Retire(options, KindLabel(kind), item.Display, item.Status, item.Location, diagnostics)) continue;
                items.Add(model);
                requests.Add(Request(kind, item.Key, item.Name, item.Display, item.Location, pins));
            }
            return (items, ScopeNamer.Resolve(requests, reserved, scopeLabel, diagnostics));
        }

        /// <summary>Reports a finished item; false when it is to be left out.</summary>
        private static bool Retire(GeneratorOptions options, string kind, string display, ItemStatus status, LocationInfo location,
            List<DiagnosticInfo> diagnostics)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RetiredItem, location, kind, display, status.ToDisplayName(),
                options.OmitArchived ? "it is not generated because " + OptionsReader.EmitArchivedProperty + " is 'omit'"
                : options.FinishedItemsAsDiagnostic ? "remove its uses (it is not [Obsolete] because " + OptionsReader.FinishedItemsProperty + " is 'diagnostic')"
                : "it is generated as [Obsolete]"));
            return !options.OmitArchived;
        }

        private static NameRequest Request(FlagKind kind, long key, string? name, string display, LocationInfo location,
            Dictionary<(FlagKind, string), NameOverride> pins)
        {
            var keyText = KeyText(key);
            pins.TryGetValue((kind, keyText), out var pin);
            var suffix = key < 0 ? "m" + keyText.Substring(1) : keyText;
            var fallback = (kind == FlagKind.Experiment ? "Experiment" : "Feature") + suffix;
            return new NameRequest(KindLabel(kind), display, name, fallback, suffix, pin?.Name, location, pin?.Location,
                PinExample(kind, keyText));
        }

        private static string PinExample(FlagKind kind, string keyLiteral) =>
            "[assembly: Hackle.HackleFlagName(Hackle.HackleFlagKind." + kind + ", " + keyLiteral + ", \"NewName\")]";

        private static string KindLabel(FlagKind kind) => kind switch
        {
            FlagKind.Experiment => "Experiment",
            FlagKind.FeatureFlag => "Feature flag",
            _ => "Remote-config parameter",
        };

        private static string KeyText(long key) => key.ToString(CultureInfo.InvariantCulture);

        /// <summary>FNV-1a of the UTF-16 key as 8 hex digits: a suffix for string keys that is stable across
        /// runs and machines (string.GetHashCode is randomized).</summary>
        private static string StableHash(string key)
        {
            var hash = 2166136261u;
            foreach (var c in key)
            {
                hash = unchecked((hash ^ c) * 16777619u);
            }
            return hash.ToString("x8", CultureInfo.InvariantCulture);
        }
    }
}
