using Hackle.Internal;

namespace Hackle
{
    /// <summary>The remote config of one user: typed getters that return the default when a value is missing or has another type.</summary>
    public readonly struct HackleRemoteConfig
    {
        private readonly IHackleClient _client;
        private readonly HackleUser _user;

        internal HackleRemoteConfig(IHackleClient client, HackleUser user)
        {
            _client = client;
            _user = user;
        }

        /// <summary>A STRING parameter, or <paramref name="defaultValue"/>.</summary>
        public string GetString(string key, string defaultValue) => _client.RemoteConfigDetail(key, _user, defaultValue).Value;

        /// <summary>A NUMBER parameter cast to int, or <paramref name="defaultValue"/>.</summary>
        public int GetInt(string key, int defaultValue) =>
            TryGetNumber(key, defaultValue, out var value) ? JavaNumbers.ToInt(value) : defaultValue;

        /// <summary>A NUMBER parameter cast to long, or <paramref name="defaultValue"/>.</summary>
        public long GetLong(string key, long defaultValue) =>
            TryGetNumber(key, defaultValue, out var value) ? JavaNumbers.ToLong(value) : defaultValue;

        /// <summary>True when a rule decided the value; otherwise the caller's own default stands, uncast.</summary>
        private bool TryGetNumber(string key, double defaultValue, out double value)
        {
            var decision = _client.RemoteConfigDetail(key, _user, defaultValue);
            value = decision.Value;
            return decision.Reason == DecisionReason.TargetRuleMatch || decision.Reason == DecisionReason.DefaultRule;
        }

        /// <summary>A NUMBER parameter, or <paramref name="defaultValue"/>.</summary>
        public double GetDouble(string key, double defaultValue) => _client.RemoteConfigDetail(key, _user, defaultValue).Value;

        /// <summary>A BOOLEAN parameter, or <paramref name="defaultValue"/>.</summary>
        public bool GetBool(string key, bool defaultValue) => _client.RemoteConfigDetail(key, _user, defaultValue).Value;
    }
}
