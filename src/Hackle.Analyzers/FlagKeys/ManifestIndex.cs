using System.Collections.Generic;
using System.Globalization;
using Hackle.Generators.Manifest;
using Microsoft.CodeAnalysis;

namespace Hackle.Analyzers.FlagKeys
{
    /// <summary>The manifest's experiments and feature flags by key, with their generated accessors.</summary>
    internal sealed class ManifestIndex
    {
        private readonly Dictionary<long, FeatureModel> _features = new Dictionary<long, FeatureModel>();
        private readonly GeneratedAccessors _accessors;

        public ManifestIndex(ManifestModel manifest, GeneratedAccessors accessors)
        {
            _accessors = accessors;
            FileName = System.IO.Path.GetFileName(manifest.Path);
            foreach (var experiment in manifest.Experiments) Experiments[experiment.Key] = experiment;
            foreach (var feature in manifest.FeatureFlags) _features[feature.Key] = feature;
        }

        /// <summary>The manifest's file name, for messages.</summary>
        public string FileName { get; }

        /// <summary>The manifest's experiments by key.</summary>
        public Dictionary<long, ExperimentModel> Experiments { get; } = new Dictionary<long, ExperimentModel>();

        /// <summary>True when the manifest has the item; <paramref name="name"/> is its dashboard name (or "key N").</summary>
        public bool TryGetName(bool isExperiment, long key, out string name)
        {
            string? found = null;
            bool exists;
            if (isExperiment)
            {
                exists = Experiments.TryGetValue(key, out var experiment);
                found = experiment?.Name;
            }
            else
            {
                exists = _features.TryGetValue(key, out var feature);
                found = feature?.Name;
            }
            name = found ?? "key " + key.ToString(CultureInfo.InvariantCulture);
            return exists;
        }

        /// <summary>
        /// True for a completed experiment or a paused or completed flag: HKA110 reports its calls with the clean-up
        /// fix, and moving them to the accessor (which is [Obsolete]) would only trade one warning for another.
        /// </summary>
        public bool IsFinished(bool isExperiment, long key) => isExperiment
            ? Experiments.TryGetValue(key, out var experiment) && Cleanup.FinishedOutcome.Of(experiment) != null
            : _features.TryGetValue(key, out var feature) && Cleanup.FinishedOutcome.Of(feature) != null;

        /// <summary>The generated accessor class of the item, or null when the generator did not emit one.</summary>
        public INamedTypeSymbol? Accessor(bool isExperiment, long key) =>
            (isExperiment ? _accessors.Experiments : _accessors.Features).TryGetValue(key, out var accessor) ? accessor : null;
    }
}
