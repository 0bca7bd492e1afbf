namespace Hackle.Manifest
{
    /// <summary>The kinds of action of a rule (<c>defaultRule</c>, target rules, overrides).</summary>
    internal enum ActionKind
    {
        /// <summary>VARIATION: a fixed variation, by <c>variationId</c>.</summary>
        Variation,
        /// <summary>BUCKET: a split, by <c>bucketId</c>.</summary>
        Bucket,
    }

    /// <summary>
    /// When an item the readers bind is kept, once its fields have the kinds <see cref="WireSchema"/>
    /// asks for. Each check returns null for a kept item, or the reason it is dropped: the runtime logs that
    /// reason, the generator reports it as HKF014, so a user sees the same sentence from both.
    /// </summary>
    internal static class ItemRules
    {
        /// <summary>
        /// An action is VARIATION with a <c>variationId</c> or BUCKET with a <c>bucketId</c>; anything else
        /// (unknown type, missing id) is no action (docs/protocol.md §1.3).
        /// </summary>
        public static bool TryParseAction(string? type, bool hasVariationId, bool hasBucketId, out ActionKind kind)
        {
            switch (type)
            {
                case "VARIATION":
                    kind = ActionKind.Variation;
                    return hasVariationId;
                case "BUCKET":
                    kind = ActionKind.Bucket;
                    return hasBucketId;
                default:
                    kind = default;
                    return false;
            }
        }

        /// <summary>
        /// Whether an experiment or feature flag is kept: it needs a key, an <c>execution</c> with a known
        /// status and a usable <c>execution.defaultRule</c>.
        /// </summary>
        public static string? ExperimentProblem(bool hasKey, bool hasExecution, string? status, bool hasDefaultRule,
            string? defaultRuleType, bool hasVariationId, bool hasBucketId, out ItemStatus itemStatus)
        {
            itemStatus = ItemStatus.Draft;
            if (!hasKey) return "'key' is missing";
            if (!hasExecution) return "it has no 'execution', so the SDK ignores it";
            if (!ItemStatusNames.TryParseWire(status, out itemStatus))
            {
                return status is null
                    ? "it has no 'execution.status', so the SDK ignores it"
                    : "'execution.status' is '" + status + "', not READY, RUNNING, PAUSED or STOPPED, so the SDK ignores it";
            }
            if (!hasDefaultRule) return "it has no 'execution.defaultRule', so the SDK ignores it";
            if (!TryParseAction(defaultRuleType, hasVariationId, hasBucketId, out var kind))
            {
                if (defaultRuleType != "VARIATION" && defaultRuleType != "BUCKET")
                {
                    return "'execution.defaultRule.type' is " + (defaultRuleType is null ? "missing" : "'" + defaultRuleType + "'") +
                           ", not VARIATION or BUCKET, so the SDK ignores it";
                }
                return "'execution.defaultRule' is " + defaultRuleType + " without '" +
                       (kind == ActionKind.Variation ? "variationId" : "bucketId") + "', so the SDK ignores it";
            }
            return null;
        }

        /// <summary>Whether a remote-config parameter is kept: it needs a non-empty key and a known type.</summary>
        public static string? RemoteConfigProblem(string? key, string? type, out ConfigValueType valueType)
        {
            valueType = default;
            if (string.IsNullOrEmpty(key)) return "'key' is missing or empty";
            if (!ConfigValueTypes.TryParse(type, out valueType))
            {
                return "'type' is " + (type is null ? "missing" : "'" + type + "'") +
                       ", not STRING, NUMBER, BOOLEAN, VERSION or JSON, so the SDK ignores it";
            }
            return null;
        }

        /// <summary>The reason for a list item that is not an object (a string, a number, an array).</summary>
        public const string NotAnObject = "it is not a JSON object";

        /// <summary>How messages name an item: <c>'Checkout' (key 42)</c>, or <c>key 42</c> without a name.</summary>
        public static string Display(string? name, long? key)
        {
            var keyText = key.HasValue ? "key " + key.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no key";
            return string.IsNullOrEmpty(name) ? keyText : "'" + name + "' (" + keyText + ")";
        }

        /// <summary>The reason for a field of the wrong JSON kind, e.g. <c>'execution.version' is not an integer</c>.</summary>
        public static string WrongKind(string path, WireKind expected) =>
            "'" + path + "' is not " + Describe(expected) + ", so the SDK ignores it";

        /// <summary>How messages name a kind: "an integer", "a string", ...</summary>
        public static string Describe(WireKind kind) => kind switch
        {
            WireKind.Int64 => "an integer",
            WireKind.Int32 => "a 32-bit integer",
            WireKind.String => "a string",
            WireKind.Object => "an object",
            WireKind.Int64Array => "an array of integers",
            _ => "an array",
        };
    }
}
