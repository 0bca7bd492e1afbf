using System.Threading;
using Hackle.Internal;

namespace Hackle
{
    /// <summary>
    /// A user to evaluate and track: built-in identifiers (<see cref="Id"/>, <see cref="UserId"/>,
    /// <see cref="DeviceId"/>), custom identifiers and properties. Invalid values are dropped, never thrown.
    /// Treat a user as read-only once it has been passed to the client: events keep a reference to it.
    /// </summary>
    /// <example><code>
    /// var user = new HackleUser("ae2182e0") { Properties = { ["grade"] = "GOLD", ["age"] = 30 } };
    /// </code></example>
    public sealed class HackleUser
    {
        /// <summary>The identifier type of <see cref="Id"/>.</summary>
        public const string IdType = "$id";
        /// <summary>The identifier type of <see cref="UserId"/>.</summary>
        public const string UserIdType = "$userId";
        /// <summary>The identifier type of <see cref="DeviceId"/>.</summary>
        public const string DeviceIdType = "$deviceId";

        private string? _id;
        private string? _userId;
        private string? _deviceId;
        private int _version;

        /// <summary>
        /// The size estimate of the user's part of an event, with the <see cref="Version"/> it was taken at:
        /// (version &lt;&lt; 32) | bytes, 0 when none was taken. Kept by <c>EventSizeEstimate</c>, so a user's
        /// properties are walked once, not on every exposure.
        /// </summary>
        internal long SizeEstimate;

        /// <summary>Creates a user, optionally with its <see cref="Id"/>.</summary>
        public HackleUser(string? id = null) => Id = id;

        /// <summary>The default identifier (<c>$id</c>); a blank or over-long value is dropped.</summary>
        public string? Id { get => _id; set { _id = Valid(value); Changed(); } }

        /// <summary>The signed-in user's id (<c>$userId</c>); a blank or over-long value is dropped.</summary>
        public string? UserId { get => _userId; set { _userId = Valid(value); Changed(); } }

        /// <summary>The device id (<c>$deviceId</c>); a blank or over-long value is dropped.</summary>
        public string? DeviceId { get => _deviceId; set { _deviceId = Valid(value); Changed(); } }

        // Created on first use: most users carry an id and nothing else, and a web app makes one per request.
        private HackleIdentifiers? _identifiers;
        private HackleProperties? _properties;

        /// <summary>Custom identifiers by identifier type; the built-in properties win over same-named entries.</summary>
        public HackleIdentifiers Identifiers => _identifiers ??= new HackleIdentifiers();

        /// <summary>User properties used by target rules and sent with events.</summary>
        public HackleProperties Properties => _properties ??= new HackleProperties();

        /// <summary>The custom identifiers, or a shared empty set when none was ever touched: reading never allocates.</summary>
        internal HackleIdentifiers IdentifiersOrEmpty => _identifiers ?? HackleIdentifiers.Empty;

        /// <summary>The properties, or a shared empty set when none was ever touched: reading never allocates.</summary>
        internal HackleProperties PropertiesOrEmpty => _properties ?? HackleProperties.Empty;

        /// <summary>True when the user has at least one identifier; users without one get INVALID_INPUT.</summary>
        public bool HasIdentifiers => _id != null || _userId != null || _deviceId != null || (_identifiers?.Count ?? 0) > 0;

        /// <summary>Looks up the identifier of an identifier type such as <c>$id</c> or a custom type.</summary>
        public bool TryGetIdentifier(string type, out string value)
        {
            string? builtIn = type switch
            {
                IdType => _id,
                UserIdType => _userId,
                DeviceIdType => _deviceId,
                _ => null,
            };
            if (builtIn != null) { value = builtIn; return true; }
            if (_identifiers != null) return _identifiers.TryGetValue(type, out value);
            value = null!;
            return false;
        }

        /// <summary>
        /// Changes whenever anything an event carries of the user changes (an identifier, a custom identifier, a
        /// property): the sum of counters that only go up, each bumped after its change is made.
        /// </summary>
        internal int Version => unchecked(Volatile.Read(ref _version) + (_identifiers?.Version ?? 0) + (_properties?.Version ?? 0));

        private void Changed() => Volatile.Write(ref _version, unchecked(_version + 1));

        private static string? Valid(string? value)
        {
            if (value is null || HackleIdentifiers.IsValidValue(value)) return value;
            InputDrops.Add(InputDrops.IdentifierInvalid);
            return null;
        }
    }
}
