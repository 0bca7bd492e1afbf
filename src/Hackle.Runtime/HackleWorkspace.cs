using System;
using System.Collections.Generic;
using System.IO;
using Hackle.Internal.Config;
using Hackle.Internal.Model;

namespace Hackle
{
    /// <summary>
    /// An immutable, parsed workspace config (experiments, flags, buckets, segments, ...). The client
    /// swaps whole snapshots atomically, so evaluation never sees a half-applied update.
    /// </summary>
    public sealed class HackleWorkspace
    {
        /// <summary>The largest config accepted, in bytes (64 MiB); larger input is rejected.</summary>
        public const int MaxConfigBytes = 64 * 1024 * 1024;

        internal HackleWorkspace(
            Dictionary<long, Experiment> experiments,
            Dictionary<long, Experiment> featureFlags,
            Dictionary<long, Bucket> buckets,
            Dictionary<string, EventType> eventTypes,
            Dictionary<string, Segment> segments,
            Dictionary<long, Container> containers,
            Dictionary<string, RemoteConfigParameter> remoteConfigParameters,
            string[]? droppedItems = null)
        {
            DroppedItems = droppedItems ?? Array.Empty<string>();
            Experiments = experiments;
            FeatureFlags = featureFlags;
            Buckets = buckets;
            EventTypes = eventTypes;
            Segments = segments;
            Containers = containers;
            RemoteConfigParameters = remoteConfigParameters;
        }

        internal Dictionary<long, Experiment> Experiments { get; }
        internal Dictionary<long, Experiment> FeatureFlags { get; }
        internal Dictionary<long, Bucket> Buckets { get; }
        internal Dictionary<string, EventType> EventTypes { get; }
        internal Dictionary<string, Segment> Segments { get; }
        internal Dictionary<long, Container> Containers { get; }
        internal Dictionary<string, RemoteConfigParameter> RemoteConfigParameters { get; }

        /// <summary>
        /// The entities of the config that were left out, one sentence each naming the entity and why
        /// (docs/manifest.md); the client logs them when the config goes into force.
        /// </summary>
        internal IReadOnlyList<string> DroppedItems { get; }

        /// <summary>The number of A/B tests in the config.</summary>
        public int ExperimentCount => Experiments.Count;

        /// <summary>The number of feature flags in the config.</summary>
        public int FeatureFlagCount => FeatureFlags.Count;

        /// <summary>Parses a workspace config in Hackle's wire format (UTF-8 JSON).</summary>
        /// <exception cref="HackleConfigException">The text is not valid JSON or not a workspace config; the message names the line and position.</exception>
        public static HackleWorkspace Parse(string json)
        {
            if (json is null) throw new ArgumentNullException(nameof(json));
            return WorkspaceParser.Parse(System.Text.Encoding.UTF8.GetBytes(json));
        }

        /// <summary>Parses a workspace config from UTF-8 bytes.</summary>
        /// <exception cref="HackleConfigException">The bytes are not a valid workspace config.</exception>
        public static HackleWorkspace Parse(ReadOnlySpan<byte> utf8Json) => WorkspaceParser.Parse(utf8Json);

        /// <summary>Reads and parses a workspace config file such as <c>hackle.flags.json</c>.</summary>
        /// <exception cref="HackleConfigException">The file is missing, too large or invalid.</exception>
        public static HackleWorkspace Load(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            byte[] bytes;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists) throw new HackleConfigException($"Workspace config file '{path}' was not found.");
                if (info.Length > MaxConfigBytes)
                    throw new HackleConfigException($"Workspace config file '{path}' is {info.Length} bytes; the limit is {MaxConfigBytes}.");
                bytes = File.ReadAllBytes(path);
            }
            catch (HackleConfigException) { throw; }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new HackleConfigException($"Workspace config file '{path}' could not be read: {e.Message}", inner: e);
            }
            try
            {
                return WorkspaceParser.Parse(bytes);
            }
            catch (HackleConfigException e)
            {
                throw new HackleConfigException($"{path}: {e.Message}", e.Line, e.Column, e);
            }
        }
    }
}
