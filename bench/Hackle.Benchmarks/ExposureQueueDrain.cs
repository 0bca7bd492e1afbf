using Hackle.Internal.Delivery;

namespace Hackle.Benchmarks;

/// <summary>Takes events out of the HTTP delivery's queue, as its loop does (the queue's dequeue differs between versions; this file is the one per version).</summary>
public sealed class ExposureQueueDrain
{
    private readonly BoundedEventQueue _queue;

    public ExposureQueueDrain(object queue) => _queue = (BoundedEventQueue)queue;

    public int Drain(int count)
    {
        var taken = 0;
        while (taken < count && _queue.TryDequeue(out _)) taken++;
        return taken;
    }
}
