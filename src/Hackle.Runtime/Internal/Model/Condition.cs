using Hackle.Manifest;

namespace Hackle.Internal.Model
{
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
}
