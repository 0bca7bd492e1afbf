using Hackle.Manifest;

namespace Hackle.Internal.Model
{
    internal enum ActionType { Variation, Bucket }

    /// <summary>
    /// What a rule does: pick a fixed variation or bucket the user. The variation or bucket is looked
    /// up once, when the config is parsed; null means it is missing, which evaluation reports as an error.
    /// </summary>
    internal sealed class TargetAction
    {
        public TargetAction(ActionType type, long? variationId, long? bucketId, Variation? variation, Bucket? bucket)
        {
            Type = type;
            VariationId = variationId;
            BucketId = bucketId;
            Variation = variation;
            Bucket = bucket;
        }

        public ActionType Type { get; }
        public long? VariationId { get; }
        public long? BucketId { get; }
        public Variation? Variation { get; }
        public Bucket? Bucket { get; }
    }

    internal sealed class TargetRule
    {
        public TargetRule(Target target, TargetAction action)
        {
            Target = target;
            Action = action;
        }

        public Target Target { get; }
        public TargetAction Action { get; }
    }

    /// <summary>A target matches when all of its conditions match.</summary>
    internal sealed class Target
    {
        public Target(Condition[] conditions) => Conditions = conditions;

        public Condition[] Conditions { get; }
    }

    internal enum KeyType
    {
        UserId, UserProperty, HackleProperty, Segment, AbTest, FeatureFlag, EventProperty, Cohort,
        NumberOfEventsInDays, NumberOfEventsWithPropertyInDays,
    }

    internal enum MatchType { Match, NotMatch }

    internal enum Operator { In, Contains, StartsWith, EndsWith, Gt, Gte, Lt, Lte, Exists }

    /// <summary>One condition; the match values are converted once, at parse time, for each value type.</summary>
    internal sealed class Condition
    {
        public Condition(KeyType keyType, string keyName, MatchType matchType, Operator op, ConfigValueType valueType, MatchValue[] values)
        {
            KeyType = keyType;
            KeyName = keyName;
            MatchType = matchType;
            Operator = op;
            ValueType = valueType;
            Values = values;
        }

        public KeyType KeyType { get; }
        public string KeyName { get; }
        public MatchType MatchType { get; }
        public Operator Operator { get; }
        public ConfigValueType ValueType { get; }
        public MatchValue[] Values { get; }
    }

    /// <summary>
    /// A condition value with its conversions precomputed, so matching allocates nothing.
    /// A conversion that fails is null (string), NaN-flagged (number) or absent (bool, version).
    /// </summary>
    internal sealed class MatchValue
    {
        public MatchValue(object? raw)
        {
            Raw = raw;
            AsString = ValueConverter.ToStringOrNull(raw);
            HasNumber = ValueConverter.TryToNumber(raw, out var number);
            AsNumber = number;
            HasBoolean = ValueConverter.TryToBoolean(raw, out var boolean);
            AsBoolean = boolean;
            HasVersion = raw is string s && SemanticVersion.TryParse(s, out AsVersion);
        }

        public object? Raw { get; }
        public string? AsString { get; }
        public bool HasNumber { get; }
        public double AsNumber { get; }
        public bool HasBoolean { get; }
        public bool AsBoolean { get; }
        public readonly bool HasVersion;
        public readonly SemanticVersion AsVersion;
    }
}
