using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using Hackle.Internal.Http;

namespace Hackle.Internal
{
    /// <summary>
    /// Process-wide counts of user input the SDK dropped (properties, identifiers, event keys), by cause.
    /// Users and events are built before any client sees them, so the counts live here rather than on a
    /// client; they are published as the counter <c>hackle.inputs.dropped</c> (tag <c>cause</c>) on a
    /// Meter named "Hackle" without a scope. Drops are rare, so a plain Interlocked increment is enough.
    /// </summary>
    internal static class InputDrops
    {
        public const string InstrumentName = "hackle.inputs.dropped";

        public const int PropertyKeyInvalid = 0;
        public const int PropertyValueUnsupported = 1;
        public const int PropertyStringTooLong = 2;
        public const int PropertyCountLimit = 3;
        public const int SystemStringTooLong = 4;
        public const int CollectionTooLong = 5;
        public const int CollectionFailed = 6;
        public const int NestedCollection = 7;
        public const int IdentifierInvalid = 8;
        public const int IdentifierCountLimit = 9;
        public const int EventKeyTooLong = 10;

        /// <summary>The <c>cause</c> tag of each counter, indexed by the constants above.</summary>
        public static readonly string[] CauseNames =
        {
            "property_key_invalid",
            "property_value_unsupported",
            "property_string_too_long",
            "property_count_limit",
            "system_string_too_long",
            "collection_too_long",
            "collection_failed",
            "nested_collection",
            "identifier_invalid",
            "identifier_count_limit",
            "event_key_too_long",
        };

        private static readonly long[] s_counts = new long[CauseNames.Length];
        private static readonly Meter s_meter = CreateMeter();

        public static void Add(int cause) => Interlocked.Increment(ref s_counts[cause]);

        public static long Count(int cause) => Interlocked.Read(ref s_counts[cause]);

        /// <summary>Every counter, indexed like <see cref="CauseNames"/>.</summary>
        public static long[] Snapshot()
        {
            var copy = new long[s_counts.Length];
            for (var i = 0; i < copy.Length; i++) copy[i] = Count(i);
            return copy;
        }

        private static Meter CreateMeter()
        {
            // Lives as long as the process, like the counts it reports.
            var meter = new Meter(Metrics.HackleMetrics.MeterName, SdkInfo.AssemblyVersion);
            meter.CreateObservableCounter(InstrumentName, Observe, "{input}",
                "User input dropped before it reached a client (invalid or over a size limit), by cause.");
            return meter;
        }

        private static IEnumerable<Measurement<long>> Observe()
        {
            var measurements = new List<Measurement<long>>(s_counts.Length);
            for (var i = 0; i < s_counts.Length; i++)
            {
                var count = Count(i);
                if (count > 0) measurements.Add(new Measurement<long>(count, new KeyValuePair<string, object?>("cause", CauseNames[i])));
            }
            return measurements;
        }

        /// <summary>Makes sure the meter exists, so a listener started early sees the instrument.</summary>
        internal static Meter Meter => s_meter;
    }
}
