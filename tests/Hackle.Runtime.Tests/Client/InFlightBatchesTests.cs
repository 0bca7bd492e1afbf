using Hackle.Internal.Delivery;

namespace Hackle.Runtime.Tests.Client;

/// <summary>
/// Close must not return while a send is counting its batch's fate (docs/hosting.md: "When close returns,
/// EventStats is final: Pending is 0"). Found by TrackCloseRaceTests in the integration suite: a batch claimed by
/// its send dropped out of the list close waits on before it had left the pending count, so close could return
/// with Pending at 50 and, a moment later, a count landing after the metrics were disposed.
/// </summary>
public class InFlightBatchesTests
{
    [Fact]
    public void Close_waits_for_a_send_that_has_claimed_its_batch_until_it_is_released()
    {
        var batches = new InFlightBatches(2, new BoundedEventQueue(100, 1_000_000));
        var batch = batches.Begin(50, 5_000);
        var send = new TaskCompletionSource();
        batch.Send = send.Task;

        Assert.True(batches.TryClaim(batch));   // the send is counting the batch's fate
        var sendsEnd = batches.WhenSendsEnd();  // what close waits for

        Assert.False(sendsEnd.IsCompleted, "close would return while the send still counts the batch");
        Assert.Empty(batches.ClaimAll());       // and close cannot count it a second time
        Assert.Equal(50, batches.EventCount);

        batches.Release(batch);
        send.SetResult();
        Assert.True(sendsEnd.IsCompleted);
        Assert.Equal(0, batches.EventCount);
        Assert.True(batches.WhenSendsEnd().IsCompleted);
    }

    [Fact]
    public void A_batch_is_claimed_once_whether_close_or_its_send_comes_first()
    {
        var batches = new InFlightBatches(2, new BoundedEventQueue(100, 1_000_000));
        var first = batches.Begin(3, 300);
        var second = batches.Begin(4, 400);

        var claimedByClose = batches.ClaimAll();
        Assert.Equal(new[] { first, second }.ToHashSet(), claimedByClose.ToHashSet());
        Assert.False(batches.TryClaim(first));  // the send ends later: close counted it already
        Assert.Empty(batches.ClaimAll());

        foreach (var batch in claimedByClose) batches.Release(batch);
        Assert.Equal(0, batches.EventCount);
        Assert.False(batches.TryClaim(second));
    }
}
