using System;
using System.Threading;

namespace Hackle.Internal
{
    /// <summary>
    /// A counter that threads increment without sharing a cache line: each thread lands on one of several
    /// cells 64 bytes apart, and reads add the cells up. One Interlocked counter would bounce its cache line
    /// between cores on every decision and stop decisions from scaling across threads.
    /// </summary>
    internal sealed class StripedCounter
    {
        private const int Spacing = 8; // longs per cell: 64 bytes, one cache line
        private readonly long[] _cells;
        private readonly int _mask;

        public StripedCounter()
        {
            var stripes = 8;
            while (stripes < Environment.ProcessorCount * 4) stripes <<= 1;
            _mask = stripes - 1;
            _cells = new long[(stripes + 1) * Spacing]; // one spare cell keeps the last away from the next object
        }

        public void Increment() => Interlocked.Increment(ref _cells[(Environment.CurrentManagedThreadId & _mask) * Spacing]);

        public long Read()
        {
            long sum = 0;
            for (var i = 0; i <= _mask; i++) sum += Interlocked.Read(ref _cells[i * Spacing]);
            return sum;
        }
    }
}
