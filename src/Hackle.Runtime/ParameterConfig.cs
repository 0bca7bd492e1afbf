using System.Collections.Generic;
using Hackle.Internal;

namespace Hackle
{
    /// <summary>
    /// The parameters attached to a variation. Typed getters return the value only when its JSON type
    /// matches (string, number or boolean), otherwise the caller's default, as Hackle's SDKs do.
    /// </summary>
    public sealed class ParameterConfig
    {
        /// <summary>A config without parameters, used when a variation has none.</summary>
        public static ParameterConfig Empty { get; } = new ParameterConfig(0, new Dictionary<string, object?>());

        private readonly Dictionary<string, object?> _parameters;

        internal ParameterConfig(long id, Dictionary<string, object?> parameters)
        {
            Id = id;
            _parameters = parameters;
        }

        /// <summary>The parameter configuration id, or 0 for <see cref="Empty"/>.</summary>
        public long Id { get; }

        /// <summary>The parameters by key: strings, doubles, booleans, or raw JSON text for other values.</summary>
        public IReadOnlyDictionary<string, object?> Parameters => _parameters;

        /// <summary>The string value of <paramref name="key"/>, or <paramref name="defaultValue"/>.</summary>
        public string GetString(string key, string defaultValue) =>
            _parameters.TryGetValue(key, out var v) && v is string s ? s : defaultValue;

        /// <summary>The numeric value of <paramref name="key"/> cast to int, or <paramref name="defaultValue"/>.</summary>
        public int GetInt(string key, int defaultValue) =>
            _parameters.TryGetValue(key, out var v) && v is double d ? JavaNumbers.ToInt(d) : defaultValue;

        /// <summary>The numeric value of <paramref name="key"/> cast to long, or <paramref name="defaultValue"/>.</summary>
        public long GetLong(string key, long defaultValue) =>
            _parameters.TryGetValue(key, out var v) && v is double d ? JavaNumbers.ToLong(d) : defaultValue;

        /// <summary>The numeric value of <paramref name="key"/>, or <paramref name="defaultValue"/>.</summary>
        public double GetDouble(string key, double defaultValue) =>
            _parameters.TryGetValue(key, out var v) && v is double d ? d : defaultValue;

        /// <summary>The boolean value of <paramref name="key"/>, or <paramref name="defaultValue"/>.</summary>
        public bool GetBool(string key, bool defaultValue) =>
            _parameters.TryGetValue(key, out var v) && v is bool b ? b : defaultValue;
    }
}
