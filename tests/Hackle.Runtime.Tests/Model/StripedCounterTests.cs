using Hackle;
using Hackle.Internal;

namespace Hackle.Runtime.Tests.Model;

public class StripedCounterTests
{
    [Fact]
    public void Concurrent_increments_are_all_counted()
    {
        var counter = new StripedCounter();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 100_000; i++) counter.Increment();
        });
        Assert.Equal(800_000, counter.Read());
    }

    [Fact]
    public void The_offline_sink_counts_every_event()
    {
        var sink = new DiscardingEventSink();
        Parallel.For(0, 1000, i => sink.Enqueue(new TrackEvent(new HackleUser("u" + i), 1, 0, new HackleEvent("e"))));
        Assert.Equal(1000, sink.DiscardedCount);
    }
}
