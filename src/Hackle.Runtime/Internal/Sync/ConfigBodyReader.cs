using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Sync
{
    /// <summary>
    /// Reads a config body with a hard cap. The declared length is not trusted for sizing (a server may
    /// declare 64 MiB and hang up after a kilobyte), so the body is read into segments that grow with what
    /// actually arrives and never hold more than the limit plus one byte; a body over the limit costs at
    /// most the limit, however much the server sends.
    /// </summary>
    internal static class ConfigBodyReader
    {
        internal const int FirstSegmentBytes = 16 * 1024;
        internal const int MaxSegmentBytes = 1024 * 1024;

        /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
        public static async Task<byte[]?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
        {
            var segments = new List<byte[]>();
            long total = 0;
            var segmentBytes = FirstSegmentBytes;
            while (true)
            {
                // Room for one byte past the limit: that byte tells "exactly the limit" from "more".
                var room = (long)maxBytes + 1 - total;
                if (room <= 0) return null;
                var segment = new byte[(int)Math.Min(segmentBytes, room)];
                var filled = 0;
                while (filled < segment.Length)
                {
                    var read = await stream.ReadAsync(segment, filled, segment.Length - filled, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        segments.Add(segment);
                        total += filled;
                        return total > maxBytes ? null : Join(segments, total, filled);
                    }
                    filled += read;
                }
                segments.Add(segment);
                total += filled;
                segmentBytes = Math.Min(segmentBytes * 2, MaxSegmentBytes);
            }
        }

        /// <summary>The segments as one array (the parser reads a contiguous span); every segment but the last is full.</summary>
        private static byte[] Join(List<byte[]> segments, long total, int lastFilled)
        {
            var last = segments[segments.Count - 1];
            if (segments.Count == 1 && lastFilled == last.Length) return last;
            var body = new byte[total];
            var offset = 0;
            for (var i = 0; i < segments.Count; i++)
            {
                var count = i == segments.Count - 1 ? lastFilled : segments[i].Length;
                Buffer.BlockCopy(segments[i], 0, body, offset, count);
                offset += count;
            }
            return body;
        }
    }
}
