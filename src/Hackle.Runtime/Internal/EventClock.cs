using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Hackle.Internal
{
    /// <summary>
    /// The timestamp of events, in Unix epoch milliseconds, cheap enough for every decision. Reading the wall
    /// clock costs tens of nanoseconds (more on some hosts), a large share of a decision with its exposure;
    /// the process's millisecond tick count (<c>Environment.TickCount64</c>) costs a few. So the clock
    /// reads the tick count and adds the wall clock's offset from it, taken again at least once a second,
    /// so a step of the wall clock (NTP) shows within a second. The tick count advances in the kernel's
    /// timer ticks (1 to 4 ms on Linux, about 16 ms on Windows), so a timestamp may trail the wall clock by
    /// that much; the unit stays milliseconds. netstandard2.0 has no 64-bit tick count and reads the wall clock.
    /// </summary>
    internal static class EventClock
    {
#if NET8_0_OR_GREATER
        private const long RebaseIntervalMilliseconds = 1000;

        /// <summary>The wall clock minus the tick count at the last re-base.</summary>
        private static long s_offset;
        /// <summary>The tick count from which the offset is taken again; the first read takes it.</summary>
        private static long s_rebaseAt = long.MinValue;

        public static long UnixMilliseconds()
        {
            var ticks = Environment.TickCount64;
            // Read in this order, and written in the other: a reader that sees the new deadline sees the new offset.
            if (ticks >= Volatile.Read(ref s_rebaseAt)) return Rebase(ticks);
            return ticks + Volatile.Read(ref s_offset);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long Rebase(long ticks)
        {
            // Threads that race here write offsets a few microseconds apart; any of them is right.
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Volatile.Write(ref s_offset, now - ticks);
            Volatile.Write(ref s_rebaseAt, ticks + RebaseIntervalMilliseconds);
            return now;
        }
#else
        public static long UnixMilliseconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
#endif
    }
}
