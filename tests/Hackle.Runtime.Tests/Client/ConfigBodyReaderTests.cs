using Hackle.Internal.Sync;

namespace Hackle.Runtime.Tests.Client;

/// <summary>The config body is read with a hard cap: a body over the limit costs at most the limit, however long it is.</summary>
public class ConfigBodyReaderTests
{
    private const int MiB = 1024 * 1024;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ConfigBodyReader.FirstSegmentBytes)]
    [InlineData(ConfigBodyReader.FirstSegmentBytes + 1)]
    [InlineData(3 * MiB + 17)]
    public async Task Returns_the_whole_body_up_to_the_limit(int length)
    {
        var body = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();
        var read = await ConfigBodyReader.ReadAsync(new TricklingStream(body, 7000), 4 * MiB, CancellationToken.None);
        Assert.Equal(body, read);
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_read_and_one_byte_more_is_refused()
    {
        Assert.NotNull(await ConfigBodyReader.ReadAsync(new MemoryStream(new byte[100_000]), 100_000, CancellationToken.None));
        Assert.Null(await ConfigBodyReader.ReadAsync(new MemoryStream(new byte[100_001]), 100_000, CancellationToken.None));
    }

    [Fact]
    public void An_endless_body_allocates_no_more_than_the_limit()
    {
        const int limit = 16 * MiB;
        var stream = new EndlessStream();
        var before = GC.GetAllocatedBytesForCurrentThread();
        // The stream completes every read synchronously, so all the work runs on this thread.
        var read = ConfigBodyReader.ReadAsync(stream, limit, CancellationToken.None).GetAwaiter().GetResult();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(read);
        Assert.True(stream.Served > limit, "the reader read up to the limit");
        Assert.True(stream.Served <= limit + 1L, $"the reader stopped at the limit, not after {stream.Served} bytes");
        // Segments hold at most limit + 1 bytes; the rest is bookkeeping. Doubling a single buffer would take twice the limit.
        Assert.True(allocated < limit + 256 * 1024, $"{allocated} bytes allocated for a limit of {limit}");
    }

    [Fact]
    public void A_body_within_the_limit_costs_about_twice_its_size_whatever_the_limit()
    {
        var body = new byte[2 * MiB];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = ConfigBodyReader.ReadAsync(new MemoryStream(body), 64 * MiB, CancellationToken.None).GetAwaiter().GetResult();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(body.Length, read!.Length);
        Assert.True(allocated < 2 * body.Length + 1 * MiB + 64 * 1024, $"{allocated} bytes allocated for a body of {body.Length}");
    }

    /// <summary>Serves the body a few thousand bytes per read.</summary>
    private sealed class TricklingStream(byte[] body, int chunk) : MemoryStream(body)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }

    /// <summary>Never ends; every read completes at once.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)' ', offset, count);
            Served += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
