using System;
using Hackle.Internal.Model;
using Hackle.Manifest;

namespace Hackle.Internal.Evaluation
{
    /// <summary>Applies a condition's operator and match type to a user value (docs/protocol.md §2.5).</summary>
    internal static class ValueMatcher
    {
        /// <summary>
        /// A list value matches when any element does; MATCH / NOT_MATCH is applied last, so
        /// NOT_MATCH on a missing value is true.
        /// </summary>
        public static bool Matches(object? userValue, Condition condition)
        {
            bool matched;
            if (userValue is null)
            {
                matched = false;
            }
            else if (userValue is object[] elements)
            {
                matched = false;
                for (var i = 0; i < elements.Length && !matched; i++) matched = MatchesSingle(elements[i], condition);
            }
            else
            {
                matched = MatchesSingle(userValue, condition);
            }
            return condition.MatchType == MatchType.Match ? matched : !matched;
        }

        private static bool MatchesSingle(object userValue, Condition condition)
        {
            if (condition.Operator == Operator.Exists) return true;
            var values = condition.Values;
            switch (condition.ValueType)
            {
                case ConfigValueType.String:
                case ConfigValueType.Json:
                {
                    var user = ValueConverter.ToStringOrNull(userValue);
                    if (user is null) return false;
                    for (var i = 0; i < values.Length; i++)
                    {
                        var match = values[i].AsString;
                        if (match != null && MatchString(condition.Operator, user, match)) return true;
                    }
                    return false;
                }
                case ConfigValueType.Number:
                {
                    if (!ValueConverter.TryToNumber(userValue, out var user)) return false;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (values[i].HasNumber && Compare(condition.Operator, user, values[i].AsNumber)) return true;
                    }
                    return false;
                }
                case ConfigValueType.Boolean:
                {
                    if (condition.Operator != Operator.In || !ValueConverter.TryToBoolean(userValue, out var user)) return false;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (values[i].HasBoolean && values[i].AsBoolean == user) return true;
                    }
                    return false;
                }
                case ConfigValueType.Version:
                {
                    if (!(userValue is string text) || !SemanticVersion.TryParse(text, out var user)) return false;
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (values[i].HasVersion && CompareVersion(condition.Operator, user.CompareTo(values[i].AsVersion))) return true;
                    }
                    return false;
                }
                default:
                    return false;
            }
        }

        private static bool MatchString(Operator op, string user, string match)
        {
            switch (op)
            {
                case Operator.In: return string.Equals(user, match, StringComparison.Ordinal);
                case Operator.Contains: return user.IndexOf(match, StringComparison.Ordinal) >= 0;
                case Operator.StartsWith: return user.StartsWith(match, StringComparison.Ordinal);
                case Operator.EndsWith: return user.EndsWith(match, StringComparison.Ordinal);
                case Operator.Gt: return string.CompareOrdinal(user, match) > 0;
                case Operator.Gte: return string.CompareOrdinal(user, match) >= 0;
                case Operator.Lt: return string.CompareOrdinal(user, match) < 0;
                case Operator.Lte: return string.CompareOrdinal(user, match) <= 0;
                default: return false;
            }
        }

        private static bool Compare(Operator op, double user, double match)
        {
            switch (op)
            {
                case Operator.In: return user == match;
                case Operator.Gt: return user > match;
                case Operator.Gte: return user >= match;
                case Operator.Lt: return user < match;
                case Operator.Lte: return user <= match;
                default: return false;
            }
        }

        private static bool CompareVersion(Operator op, int comparison)
        {
            switch (op)
            {
                case Operator.In: return comparison == 0;
                case Operator.Gt: return comparison > 0;
                case Operator.Gte: return comparison >= 0;
                case Operator.Lt: return comparison < 0;
                case Operator.Lte: return comparison <= 0;
                default: return false;
            }
        }
    }
}
