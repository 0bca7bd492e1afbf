using Hackle.Internal.Evaluation;

namespace Hackle.Internal.Model
{
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
