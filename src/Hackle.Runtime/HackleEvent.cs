using Hackle.Internal;

namespace Hackle
{
    /// <summary>A user event to <see cref="IHackleClient.Track(HackleEvent, HackleUser)"/>: a key, an optional value and properties.</summary>
    /// <example><code>
    /// var purchase = new HackleEvent("purchase")
    /// {
    ///     Properties = { ["pay_method"] = "CARD", ["discount_amount"] = 800, ["is_discount"] = true },
    /// };
    /// </code></example>
    public sealed class HackleEvent
    {
        /// <summary>
        /// The longest event key kept, in UTF-16 characters. Hackle's server SDKs set no limit; this SDK
        /// bounds it so one event cannot carry megabytes.
        /// </summary>
        public const int MaxKeyLength = 256;

        /// <summary>
        /// Creates an event with the event type key defined in Hackle. A key longer than
        /// <see cref="MaxKeyLength"/> is dropped (counted in <c>hackle.inputs.dropped</c>): the key
        /// becomes empty and <see cref="IHackleClient.Track(HackleEvent, HackleUser)"/> ignores the event.
        /// </summary>
        public HackleEvent(string key)
        {
            if (key != null && key.Length > MaxKeyLength)
            {
                InputDrops.Add(InputDrops.EventKeyTooLong);
                key = string.Empty;
            }
            Key = key!;
        }

        /// <summary>The event type key; empty when the given key was over <see cref="MaxKeyLength"/>.</summary>
        public string Key { get; }

        /// <summary>An optional numeric value, such as an amount.</summary>
        public double? Value { get; set; }

        /// <summary>Event properties, validated like user properties.</summary>
        public HackleProperties Properties { get; } = new HackleProperties();
    }
}
