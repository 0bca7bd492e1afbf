using System;

namespace Hackle.Manifest
{
    /// <summary>The JSON kind a field must have. Every field may also be absent or null (then it is unset).</summary>
    internal enum WireKind
    {
        /// <summary>A 64-bit integer under <see cref="WireInteger"/>'s rule.</summary>
        Int64,
        /// <summary>A 32-bit integer under <see cref="WireInteger"/>'s rule.</summary>
        Int32,
        /// <summary>A JSON string.</summary>
        String,
        /// <summary>A JSON object of <see cref="WireField.Shape"/>.</summary>
        Object,
        /// <summary>A JSON array of objects of <see cref="WireField.Shape"/>; null items are skipped.</summary>
        ObjectArray,
        /// <summary>A JSON array of integers (<see cref="Int64"/>); a null item is wrongly typed.</summary>
        Int64Array,
        /// <summary>Any JSON value, kept as it is (condition values, parameter values).</summary>
        Any,
        /// <summary>A JSON array of any values.</summary>
        AnyArray,
    }

    /// <summary>A field of a <see cref="WireShape"/>.</summary>
    internal sealed class WireField
    {
        public WireField(string name, WireKind kind, WireShape? shape = null)
        {
            Name = name;
            Kind = kind;
            Shape = shape;
        }

        /// <summary>The property name on the wire (camelCase, case-sensitive).</summary>
        public string Name { get; }

        public WireKind Kind { get; }

        /// <summary>The object shape for <see cref="WireKind.Object"/> and <see cref="WireKind.ObjectArray"/>.</summary>
        public WireShape? Shape { get; }
    }

    /// <summary>An object of the config format: the fields the readers bind. Other properties are ignored.</summary>
    internal sealed class WireShape
    {
        public WireShape(string name, params WireField[] fields)
        {
            Name = name;
            Fields = fields;
        }

        /// <summary>A name for messages and tests, e.g. "Experiment".</summary>
        public string Name { get; }

        public WireField[] Fields { get; }

        /// <summary>The field named <paramref name="name"/> (ordinal), or null when the readers ignore it.</summary>
        public WireField? Find(string name)
        {
            foreach (var field in Fields)
            {
                if (string.Equals(field.Name, name, StringComparison.Ordinal)) return field;
            }
            return null;
        }
    }

    /// <summary>
    /// Every field the readers bind, with its kind (spec: docs/manifest.md). A top-level entity (an item of
    /// one of <see cref="RootLists"/>) with a field of another kind anywhere inside it is dropped as a
    /// whole, by both readers: the runtime's DTOs mirror these shapes (a test checks that), and the
    /// generator validates its JSON tree against them.
    /// </summary>
    internal static class WireSchema
    {
        private static WireField Int64(string name) => new WireField(name, WireKind.Int64);
        private static WireField Int32(string name) => new WireField(name, WireKind.Int32);
        private static WireField String(string name) => new WireField(name, WireKind.String);
        private static WireField Object(string name, WireShape shape) => new WireField(name, WireKind.Object, shape);
        private static WireField Objects(string name, WireShape shape) => new WireField(name, WireKind.ObjectArray, shape);

        public static readonly WireShape ConditionKey = new WireShape("Key", String("type"), String("name"));

        public static readonly WireShape Match = new WireShape("Match",
            String("type"), String("operator"), String("valueType"), new WireField("values", WireKind.AnyArray));

        public static readonly WireShape Condition = new WireShape("Condition", Object("key", ConditionKey), Object("match", Match));

        public static readonly WireShape Target = new WireShape("Target", Objects("conditions", Condition));

        public static readonly WireShape Action = new WireShape("Action", String("type"), Int64("variationId"), Int64("bucketId"));

        public static readonly WireShape TargetRule = new WireShape("TargetRule", Object("target", Target), Object("action", Action));

        public static readonly WireShape UserOverride = new WireShape("UserOverride", String("userId"), Int64("variationId"));

        public static readonly WireShape Execution = new WireShape("Execution",
            String("status"), Int32("version"), Objects("userOverrides", UserOverride), Objects("segmentOverrides", TargetRule),
            Objects("targetAudiences", Target), Objects("targetRules", TargetRule), Object("defaultRule", Action));

        public static readonly WireShape Variation = new WireShape("Variation",
            Int64("id"), String("key"), String("status"), Int64("parameterConfigurationId"));

        /// <summary>An A/B test or a feature flag.</summary>
        public static readonly WireShape Experiment = new WireShape("Experiment",
            Int64("id"), Int64("key"), String("name"), Int32("version"), String("identifierType"), Int64("containerId"),
            Int64("winnerVariationId"), Objects("variations", Variation), Object("execution", Execution));

        public static readonly WireShape Slot = new WireShape("Slot", Int32("startInclusive"), Int32("endExclusive"), Int64("variationId"));

        public static readonly WireShape Bucket = new WireShape("Bucket", Int64("id"), Int32("seed"), Int32("slotSize"), Objects("slots", Slot));

        public static readonly WireShape EventType = new WireShape("EventType", Int64("id"), String("key"));

        public static readonly WireShape Segment = new WireShape("Segment", Int64("id"), String("key"), String("type"), Objects("targets", Target));

        public static readonly WireShape ContainerGroup = new WireShape("ContainerGroup", Int64("id"), new WireField("experiments", WireKind.Int64Array));

        public static readonly WireShape Container = new WireShape("Container", Int64("id"), Int64("bucketId"), Objects("groups", ContainerGroup));

        public static readonly WireShape Parameter = new WireShape("Parameter", String("key"), new WireField("value", WireKind.Any));

        public static readonly WireShape ParameterConfiguration = new WireShape("ParameterConfiguration", Int64("id"), Objects("parameters", Parameter));

        public static readonly WireShape RemoteConfigValue = new WireShape("RemoteConfigValue", Int64("id"), new WireField("value", WireKind.Any));

        public static readonly WireShape RemoteConfigTargetRule = new WireShape("RemoteConfigTargetRule",
            String("key"), String("name"), Object("target", Target), Int64("bucketId"), Object("value", RemoteConfigValue));

        public static readonly WireShape RemoteConfigParameter = new WireShape("RemoteConfigParameter",
            Int64("id"), String("key"), String("type"), String("identifierType"), Objects("targetRules", RemoteConfigTargetRule),
            Object("defaultValue", RemoteConfigValue));

        /// <summary>
        /// The lists of the root object. Each, when present, must be an array or null; otherwise the whole
        /// document is rejected (by the runtime as an invalid config, by the generator as HKF002).
        /// </summary>
        public static readonly WireField[] RootLists =
        {
            Objects(Lists.Experiments, Experiment),
            Objects(Lists.FeatureFlags, Experiment),
            Objects(Lists.Buckets, Bucket),
            Objects(Lists.Events, EventType),
            Objects(Lists.Segments, Segment),
            Objects(Lists.Containers, Container),
            Objects(Lists.ParameterConfigurations, ParameterConfiguration),
            Objects(Lists.RemoteConfigParameters, RemoteConfigParameter),
        };

        /// <summary>
        /// The lists that make a root object a workspace config: one with none of them (<c>{}</c>, another
        /// file, an error body) is rejected as a whole by both readers (the generator's HKF002), so that an
        /// empty answer never replaces a config in force. Present and empty (or null) is an empty workspace.
        /// </summary>
        public static readonly string[] IdentifyingLists = { Lists.Experiments, Lists.FeatureFlags, Lists.RemoteConfigParameters };

        /// <summary>Why a root object without any of <see cref="IdentifyingLists"/> is rejected.</summary>
        public const string NoIdentifyingList = "it has none of 'experiments', 'featureFlags' or 'remoteConfigParameters'";

        /// <summary>The names of <see cref="RootLists"/>.</summary>
        public static class Lists
        {
            public const string Experiments = "experiments";
            public const string FeatureFlags = "featureFlags";
            public const string Buckets = "buckets";
            public const string Events = "events";
            public const string Segments = "segments";
            public const string Containers = "containers";
            public const string ParameterConfigurations = "parameterConfigurations";
            public const string RemoteConfigParameters = "remoteConfigParameters";
        }
    }
}
