using Hackle.Internal;
using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;

namespace Hackle.Runtime.Tests.Delivery;

/// <summary>
/// The delivery queue's intake: the count bound (taken from the ring positions, no counter of its own), the byte
/// budget, reservations, and the closed bit in the enqueue position that replaced the per-event close handshake.
/// </summary>
public class BoundedEventQueueTests
{
    private static readonly HackleUser User = new HackleUser("user-1");
    private static TrackEvent Track() => new TrackEvent(User, 1, 0, new HackleEvent("purchase"));

    [Fact]
    public void The_count_bound_is_exact_and_frees_up_as_events_are_taken()
    {
        var queue = new BoundedEventQueue(capacity: 10, maxBytes: 1_000_000);
        var admitted = Enumerable.Range(0, 15).Select(_ => queue.TryEnqueue(Track(), 500)).ToList();

        Assert.Equal(Enumerable.Repeat(Admission.Queued, 10).Concat(Enumerable.Repeat(Admission.Full, 5)), admitted);
        Assert.Equal(10, queue.Count);
        Assert.Equal(10, queue.Admitted);
        Assert.Equal(5_000, queue.Bytes);

        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal(500, first.Bytes);
        Assert.Equal(9, queue.Count);
        Assert.Equal(Admission.Queued, queue.TryEnqueue(Track(), 500));
        Assert.Equal(Admission.Full, queue.TryEnqueue(Track(), 500));
        Assert.Equal(11, queue.Admitted);
    }

    [Fact]
    public void The_byte_budget_refuses_what_would_exceed_it_and_a_refusal_gives_its_bytes_back()
    {
        var queue = new BoundedEventQueue(capacity: 100, maxBytes: 2_000);
        Assert.Equal(Admission.Queued, queue.TryEnqueue(Track(), 1_500));
        Assert.Equal(Admission.Full, queue.TryEnqueue(Track(), 600));
        Assert.Equal(1_500, queue.Bytes);
        Assert.Equal(Admission.Queued, queue.TryEnqueue(Track(), 500));
        Assert.Equal(2_000, queue.Bytes);

        while (queue.TryDequeue(out _)) { }
        Assert.Equal(0, queue.Bytes);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Reserved_room_counts_against_both_bounds_until_it_is_given_back()
    {
        var queue = new BoundedEventQueue(capacity: 4, maxBytes: 1_000_000);
        queue.Reserve(3, 1_000);
        Assert.Equal(Admission.Queued, queue.TryEnqueue(Track(), 500));
        Assert.Equal(Admission.Full, queue.TryEnqueue(Track(), 500));
        Assert.Equal(1_500, queue.Bytes);

        queue.Unreserve(3, 1_000);
        Assert.Equal(Admission.Queued, queue.TryEnqueue(Track(), 500));
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void An_exposure_is_taken_out_with_the_fields_it_went_in_with()
    {
        var queue = new BoundedEventQueue(capacity: 4, maxBytes: 1_000_000);
        var experiment = new Experiment { Id = 11, Key = 12, Type = ExperimentType.FeatureFlag, Version = 5, ExecutionVersion = 6 };
        var record = new ExposureRecord(new ExperimentEvaluation(experiment, new Variation(5, "B", false, null, null), "B", DecisionReason.DefaultRule, null), User, 1_700_000_000_001, EventFactory.RootExperiment, 99);
        Assert.Equal(Admission.Queued, queue.TryEnqueue(record, 700));
        Assert.True(queue.TryDequeue(out var item));
        Assert.Null(item.Event);
        Assert.True(item.IsExposure);
        Assert.Equal(700, item.Bytes);
        Assert.Same(experiment, item.Exposure.Evaluation.Experiment);
        Assert.Same(User, item.Exposure.User);
        Assert.Equal("B", item.Exposure.Evaluation.VariationKey);
        Assert.Equal(1_700_000_000_001, item.Exposure.Timestamp);
        Assert.Equal(EventFactory.RootExperiment, item.Exposure.TargetingRootType);
        Assert.Equal(99, item.Exposure.TargetingRootId);
        Assert.False(queue.TryDequeue(out _));
    }

    [Fact]
    public void After_close_every_offer_is_refused_and_what_was_admitted_can_still_be_drained()
    {
        var queue = new BoundedEventQueue(capacity: 10, maxBytes: 1_000_000);
        Assert.Equal(Admission.Queued, queue.TryEnqueue(Track(), 500));
        Assert.Equal(Admission.Queued, queue.TryEnqueue(Track(), 500));

        queue.Close();
        queue.Close(); // idempotent

        Assert.True(queue.IsClosed);
        Assert.Equal(Admission.Closed, queue.TryEnqueue(Track(), 500));
        Assert.Equal(Admission.Closed, queue.TryEnqueue(default(ExposureRecord), 500));
        Assert.Equal(2, queue.Admitted);
        Assert.Equal(2, queue.Count);
        Assert.Equal(1_000, queue.Bytes);
        var drained = 0;
        while (queue.TryDequeue(out _)) drained++;
        Assert.Equal(2, drained);
        Assert.Equal(0, queue.Bytes);
    }

    [Fact]
    public async Task Producers_racing_a_consumer_and_a_close_lose_or_duplicate_nothing()
    {
        for (var round = 0; round < 20; round++)
        {
            var queue = new BoundedEventQueue(capacity: 256, maxBytes: 1_000_000);
            const int Producers = 3;
            var outcomes = new long[Producers, 3];
            var start = new Barrier(Producers + 2);
            var stop = 0;
            var producers = Enumerable.Range(0, Producers).Select(p => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                var closedSeen = 0;
                while (closedSeen < 100)
                {
                    var admission = queue.TryEnqueue(Track(), 400 + p);
                    outcomes[p, (int)admission]++;
                    if (admission == Admission.Closed) closedSeen++;
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
            long taken = 0;
            var consumer = Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                while (Volatile.Read(ref stop) == 0) if (queue.TryDequeue(out _)) taken++;
            }, TaskCreationOptions.LongRunning);

            start.SignalAndWait();
            Thread.Sleep(1 + round % 5);
            queue.Close();
            // Close returns once every admitted event is written: all of them are in the queue or taken out already.
            var atClose = queue.Admitted;
            await Task.WhenAll(producers);
            Volatile.Write(ref stop, 1);
            await consumer;
            while (queue.TryDequeue(out _)) taken++;

            long queued = 0;
            for (var p = 0; p < Producers; p++) queued += outcomes[p, (int)Admission.Queued];
            Assert.Equal(queued, atClose);
            Assert.Equal(queued, queue.Admitted);
            Assert.Equal(queued, taken);
            Assert.Equal(0, queue.Count);
            Assert.Equal(0, queue.Bytes);
        }
    }

    [Fact]
    public void The_bounds_and_totals_stay_exact_after_the_producers_counters_wrap()
    {
        // The producers' word keeps the position modulo 2^26 and the bytes modulo 2^37: run both past their wrap.
        var queue = new BoundedEventQueue(capacity: 3, maxBytes: 1 << 30);
        var track = Track();
        const long Events = (1L << 26) + 1_000;
        for (long i = 0; i < Events; i++)
        {
            if (queue.TryEnqueue(track, 1 << 20) != Admission.Queued || !queue.TryDequeue(out _))
                Assert.Fail($"event {i} was refused or lost");
        }
        Assert.Equal(Events, queue.Admitted);
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.Bytes);

        Assert.Equal(Admission.Queued, queue.TryEnqueue(track, 1 << 20));
        Assert.Equal(Admission.Queued, queue.TryEnqueue(track, 1 << 20));
        Assert.Equal(Admission.Full, queue.TryEnqueue(track, (1 << 30) - (1 << 21) + 1));
        Assert.Equal(Admission.Queued, queue.TryEnqueue(track, 1 << 20));
        Assert.Equal(Admission.Full, queue.TryEnqueue(track, 1));
        Assert.Equal(3, queue.Count);
        Assert.Equal(3L << 20, queue.Bytes);
        Assert.Equal(Events + 3, queue.Admitted);
        queue.Close();
        Assert.Equal(Events + 3, queue.Admitted);
        Assert.Equal(3, queue.Count);
    }
}
