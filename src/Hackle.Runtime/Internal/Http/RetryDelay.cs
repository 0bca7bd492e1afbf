using System;

namespace Hackle.Internal.Http
{
    /// <summary>Delays between attempts: exponential backoff and interval jitter, so that many processes do not call in step.</summary>
    internal static class RetryDelay
    {
        [ThreadStatic] private static Random? t_random;

        private static Random Random => t_random ??= new Random(Guid.NewGuid().GetHashCode());

        /// <summary>
        /// The delay before attempt number <paramref name="failures"/> + 1: <paramref name="min"/> doubled per
        /// failure in a row, ±20 %, kept within [<paramref name="min"/>, <paramref name="max"/>].
        /// </summary>
        public static TimeSpan Backoff(int failures, TimeSpan min, TimeSpan max)
        {
            var exponent = Math.Min(Math.Max(failures - 1, 0), 30);
            var ticks = Math.Min(min.Ticks * Math.Pow(2, exponent), max.Ticks);
            var jittered = ticks * (0.8 + 0.4 * Random.NextDouble());
            return TimeSpan.FromTicks((long)Math.Max(min.Ticks, Math.Min(max.Ticks, jittered)));
        }

        /// <summary>The delay before attempt <paramref name="failures"/> + 1, at least what the server asked for in Retry-After (up to <paramref name="max"/>).</summary>
        public static TimeSpan Backoff(int failures, TimeSpan min, TimeSpan max, TimeSpan? retryAfter)
        {
            var delay = Backoff(failures, min, max);
            if (retryAfter is TimeSpan asked && asked > delay) delay = asked < max ? asked : max;
            return delay;
        }

        /// <summary><paramref name="interval"/> ±10 %.</summary>
        public static TimeSpan Jitter(TimeSpan interval) =>
            TimeSpan.FromTicks((long)(interval.Ticks * (0.9 + 0.2 * Random.NextDouble())));
    }
}
