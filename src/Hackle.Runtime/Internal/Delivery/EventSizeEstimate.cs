using System.Threading;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Estimates how many bytes an event takes in the request body, for the queue's byte budget: the
    /// characters of its strings plus a generous allowance for the JSON around them (ASCII text; wider
    /// characters cost more on the wire, and about as much again in memory). Runs on the enqueue path,
    /// so it walks the properties with struct enumerators and allocates nothing.
    /// </summary>
    internal static class EventSizeEstimate
    {
        /// <summary>The fixed fields every event carries (insertId, timestamp, the object keys).</summary>
        private const int CommonBytes = 256;
        private const int ExposureBytes = 320;
        private const int TrackBytes = 96;
        private const int RemoteConfigBytes = 320;
        /// <summary>Quotes, colon and comma around a key and its value, rounded up.</summary>
        private const int EntryBytes = 8;
        /// <summary>A number, a boolean, or a value of another type whose text is not known until it is written.</summary>
        private const int ScalarBytes = 24;

        /// <summary>The least any event is estimated at (a track with no key, user ids or properties): the byte budget over it caps the count.</summary>
        public const int MinBytes = CommonBytes + 3 * EntryBytes + TrackBytes;

        /// <summary>The same estimate as for the <see cref="ExposureEvent"/> the record would make.</summary>
        public static int Of(in ExposureRecord e)
        {
            long bytes = CommonBytes + Of(e.User) + ExposureBytes + e.ExperimentType.Length + e.Evaluation.VariationKey.Length + (e.TargetingRootType?.Length ?? 0);
            return bytes > int.MaxValue ? int.MaxValue : (int)bytes;
        }

        /// <summary>The same estimate as for the <see cref="TrackEvent"/> the record would make.</summary>
        public static int Of(in TrackRecord e)
        {
            long bytes = CommonBytes + Of(e.User) + TrackBytes + e.Event.Key.Length + Of(e.Event.Properties);
            return bytes > int.MaxValue ? int.MaxValue : (int)bytes;
        }

        public static int Of(UserEvent e)
        {
            long bytes = CommonBytes + Of(e.User);
            switch (e)
            {
                case ExposureEvent exposure:
                    bytes += ExposureBytes + exposure.ExperimentType.Length + exposure.VariationKey.Length + (exposure.TargetingRootType?.Length ?? 0);
                    break;
                case TrackEvent track:
                    bytes += TrackBytes + track.Event.Key.Length + Of(track.Event.Properties);
                    break;
                case RemoteConfigEvent remote:
                    bytes += RemoteConfigBytes + remote.ParameterKey.Length + (remote.TargetRuleKey?.Length ?? 0) + (remote.TargetRuleName?.Length ?? 0)
                        + ValueBytes(remote.RequestDefaultValue) + ValueBytes(remote.ReturnValue);
                    break;
            }
            return bytes > int.MaxValue ? int.MaxValue : (int)bytes;
        }

        /// <summary>The user's part, walked once per version of the user (<see cref="HackleUser.SizeEstimate"/>): a request's decisions share one user.</summary>
        private static long Of(HackleUser user)
        {
            var version = user.Version;
            var cached = Volatile.Read(ref user.SizeEstimate);
            if (cached != 0 && (int)(cached >> 32) == version) return cached & uint.MaxValue;
            var bytes = Walk(user);
            // Kept only if nothing changed during the walk (every change bumps the version after it is made).
            if (bytes <= int.MaxValue && user.Version == version) Volatile.Write(ref user.SizeEstimate, ((long)version << 32) | bytes);
            return bytes;
        }

        private static long Walk(HackleUser user)
        {
            long bytes = (user.Id?.Length ?? 0) * 2 + (user.UserId?.Length ?? 0) + (user.DeviceId?.Length ?? 0) + 3 * EntryBytes;
            var identifiers = user.IdentifiersOrEmpty.GetStructEnumerator();
            while (identifiers.MoveNext()) bytes += identifiers.Current.Key.Length + identifiers.Current.Value.Length + EntryBytes;
            return bytes + Of(user.PropertiesOrEmpty);
        }

        private static long Of(HackleProperties properties)
        {
            long bytes = 0;
            var entries = properties.GetStructEnumerator();
            while (entries.MoveNext()) bytes += entries.Current.Key.Length + EntryBytes + ValueBytes(entries.Current.Value);
            return bytes;
        }

        private static long ValueBytes(object? value)
        {
            switch (value)
            {
                case string s: return s.Length + 2;
                case object[] items:
                    long bytes = 2;
                    for (var i = 0; i < items.Length; i++) bytes += 1 + (items[i] is string s ? s.Length + 2 : ScalarBytes);
                    return bytes;
                case Config.RawJson raw: return raw.Text.Length;
                default: return ScalarBytes;
            }
        }
    }
}
