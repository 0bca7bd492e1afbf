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
        /// <summary>Creates an event with the event type key defined in Hackle.</summary>
        public HackleEvent(string key) => Key = key;

        /// <summary>The event type key.</summary>
        public string Key { get; }

        /// <summary>An optional numeric value, such as an amount.</summary>
        public double? Value { get; set; }

        /// <summary>Event properties, validated like user properties.</summary>
        public HackleProperties Properties { get; } = new HackleProperties();
    }
}
