using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// The event sink that delivers over HTTP. Callers only put events in a bounded lock-free queue
    /// (bounded by count and by estimated bytes); one background loop takes them out in batches, sends a
    /// batch as soon as one is full and everything on the flush tick, with at most N requests on the wire.
    /// A batch waiting for its retry holds no slot, only queue room. Every event is accounted for in
    /// <see cref="Stats"/>, and once <see cref="CloseAsync"/> has completed the accounting is final
    /// (nothing pending) and reported before the metrics are disposed.
    /// </summary>
    internal sealed class HttpEventDelivery : IHackleEventSink, IExposureSink, ITrackSink
    {
        /// <summary>How long close waits for sends that ignore cancellation after the time limit, before counting them as dropped.</summary>
        private static readonly TimeSpan s_abortGrace = TimeSpan.FromSeconds(1);

        /// <summary>How often, at most, a sustained overload logs the queue-full warning.</summary>
        private static readonly TimeSpan s_queueFullWarningInterval = TimeSpan.FromSeconds(10);
        private static readonly WaitCallback s_warnQueueFull = state => ((HttpEventDelivery)state!).WarnQueueFull();

        /// <summary>The size estimate used when an event's own cannot be taken (the user changed its properties mid-walk).</summary>
        private const int FallbackEventBytes = 4096;

        private readonly BoundedEventQueue _queue;
        private readonly DeliveryCounters _counters;
        private readonly EventBatchSender _sender;
        private readonly ILogger _logger;
        private readonly SecretRedactor _redactor;
        private readonly int _batchSize;
        private readonly TimeSpan _flushInterval;
        /// <summary>The client's clock (<see cref="HackleClientOptions.TimeProvider"/>): the flush tick, the warning interval.</summary>
        private readonly TimeProvider _clock;
        private readonly long _queueFullWarningTicks;
        private readonly WakeSignal _wake = new WakeSignal();
        private readonly InFlightBatches _inFlight;
        private readonly FlushRequests _flushes = new FlushRequests();
        private readonly CloseHandshake _close = new CloseHandshake();
        private readonly TaskCompletionSource<bool> _closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _warningLock = new object();
        private long _lastQueueFullWarning;
        private long _queueFullWarned;
        private Task _loop = Task.CompletedTask;
        // The loop's own: the batch being taken off the queue, and the writer of its body.
        private readonly QueuedEvent[] _batch;
        private readonly PooledBufferWriter _body = new PooledBufferWriter();
        private readonly EventPayloadWriter _payload = new EventPayloadWriter(keepObjectInsertIds: false);

        public HttpEventDelivery(EventBatchSender sender, DeliveryCounters counters, HackleClientOptions options, ILogger logger, SecretRedactor redactor)
        {
            _sender = sender;
            _counters = counters;
            _logger = logger;
            _redactor = redactor;
            _queue = new BoundedEventQueue(options.EventQueueCapacity, options.EventQueueMaxBytes);
            _batchSize = options.EventBatchSize;
            _batch = new QueuedEvent[_batchSize];
            _flushInterval = options.EventFlushInterval;
            _clock = options.TimeProvider ?? TimeProvider.System;
            _queueFullWarningTicks = ToTimestamp(s_queueFullWarningInterval);
            _inFlight = new InFlightBatches(options.MaxConcurrentEventBatches, _queue);
            // The first drop warns at once; then at most once per interval.
            _lastQueueFullWarning = _clock.GetTimestamp() - _queueFullWarningTicks;
        }

        /// <summary>The accounting so far.</summary>
        public HackleEventStats Stats => _counters.Snapshot(_queue.Admitted, _queue.Count + _inFlight.EventCount);

        /// <summary>Starts the delivery loop on the thread pool.</summary>
        public void Start() => _loop = Task.Run(RunAsync);

        /// <summary>Queues an event: no lock, no wait, no allocation. A full queue drops the event and counts it.</summary>
        public void Enqueue(UserEvent userEvent) => Offered(_queue.TryEnqueue(userEvent, EstimateBytes(userEvent)));

        /// <summary>Queues an exposure by value, the same way: no lock, no wait, no allocation, and the same drop and count when full.</summary>
        public void EnqueueExposure(in ExposureRecord exposure) => Offered(_queue.TryEnqueue(exposure, EstimateBytes(exposure)));

        /// <summary>Queues a tracked event by value, the same way: no lock, no wait, no allocation, and the same drop and count when full.</summary>
        public void EnqueueTrack(in TrackRecord track) => Offered(_queue.TryEnqueue(track, EstimateBytes(track)));

        /// <summary>
        /// Counts what became of an event the queue was offered (an admitted one is counted by the queue's
        /// position, see <see cref="DeliveryCounters"/>); a full batch wakes the loop. Once close has begun the
        /// queue refuses everything, so an event is either drained by the close or counted here.
        /// </summary>
        private void Offered(Admission admission)
        {
            if (admission == Admission.Queued)
            {
                _counters.Queued();
                if (_queue.Count >= _batchSize) _wake.Set();
                return;
            }
            if (admission == Admission.Closed)
            {
                _counters.Refused(DropCause.Closed);
                return;
            }
            _counters.Refused(DropCause.QueueFull);
            ScheduleQueueFullWarning();
        }

        private static int EstimateBytes(in ExposureRecord exposure)
        {
            try
            {
                return EventSizeEstimate.Of(exposure);
            }
            catch (InvalidOperationException)
            {
                // Another thread changed the user's properties during the walk; the event still counts against the budget.
                return FallbackEventBytes;
            }
        }

        private static int EstimateBytes(in TrackRecord track)
        {
            try
            {
                return EventSizeEstimate.Of(track);
            }
            catch (InvalidOperationException)
            {
                // Another thread changed the user's or the event's properties during the walk; the event still counts against the budget.
                return FallbackEventBytes;
            }
        }

        private static int EstimateBytes(UserEvent userEvent)
        {
            try
            {
                return EventSizeEstimate.Of(userEvent);
            }
            catch (InvalidOperationException)
            {
                // Another thread changed the user's properties during the walk; the event still counts against the budget.
                return FallbackEventBytes;
            }
        }

        /// <summary>
        /// On a drop, at most once per interval: one producer wins the timestamp and hands the warning to the
        /// thread pool (a logger may block, and the caller must not). Another drop path than the loop, because
        /// an overloaded loop may be busy sending for as long as the overload lasts.
        /// </summary>
        private void ScheduleQueueFullWarning()
        {
            var last = Volatile.Read(ref _lastQueueFullWarning);
            var now = _clock.GetTimestamp();
            if (now - last < _queueFullWarningTicks) return;
            if (Interlocked.CompareExchange(ref _lastQueueFullWarning, now, last) != last) return;
            ThreadPool.QueueUserWorkItem(s_warnQueueFull, this);
        }

        /// <summary>Logs the drops since the last warning, if any; close calls it last so the warnings add up to every drop.</summary>
        private void WarnQueueFull()
        {
            lock (_warningLock)
            {
                var total = _counters.QueueFull;
                var since = total - _queueFullWarned;
                if (since <= 0) return;
                _queueFullWarned = total;
                try
                {
                    Log.EventQueueFull(_logger, _queue.Capacity, _queue.MaxBytes, since, total, s_queueFullWarningInterval);
                }
                catch (Exception)
                {
                    // A logger that throws must not take the delivery down with it.
                }
            }
        }

        /// <summary>Sends everything queued before the call and waits until it is sent or dropped.</summary>
        public async Task FlushAsync(CancellationToken cancellationToken = default)
        {
            var done = _flushes.Add();
            _wake.Set();
            if (_close.IsClosed)
            {
                // The loop may be gone already; closing drains everything, so waiting for it is the flush.
                var closing = _close.Closing;
                if (closing != null && await AsyncHelpers.TryWaitAsync(closing, cancellationToken).ConfigureAwait(false)) done.TrySetResult(true);
            }
            if (!await AsyncHelpers.TryWaitAsync(done.Task, cancellationToken).ConfigureAwait(false))
                cancellationToken.ThrowIfCancellationRequested();
        }

        /// <summary>
        /// Stops taking events, sends what is queued, and gives up on what is still unsent when
        /// <paramref name="cancellationToken"/> is cancelled (counted as dropped on close). Completes only
        /// when every event is counted as sent or dropped. Never throws.
        /// </summary>
        public Task CloseAsync(CancellationToken cancellationToken = default) => _close.RunOnce(() => CloseCoreAsync(cancellationToken));

        private async Task CloseCoreAsync(CancellationToken deadline)
        {
            _close.Stop(_queue);
            _wake.Set();
            if (!await AsyncHelpers.TryWaitAsync(_loop, deadline).ConfigureAwait(false) ||
                !await AsyncHelpers.TryWaitAsync(_inFlight.WhenSendsEnd(), deadline).ConfigureAwait(false))
            {
                _close.Abort();
                // Cancelled sends return at once; the grace only covers a handler that ignores cancellation.
                await AsyncHelpers.TryWaitAsync(Task.WhenAll(_loop, _inFlight.WhenSendsEnd()), s_abortGrace).ConfigureAwait(false);
                Log.CloseIncomplete(_logger, "the close time limit passed; unsent events were dropped");
            }
            // From here on the counts are final: whatever is still queued or unsettled is dropped on close.
            foreach (var batch in _inFlight.ClaimAll())
            {
                _counters.Dropped(batch.Count, DropCause.Closed);
                _inFlight.Release(batch);
            }
            var left = 0;
            while (_queue.TryDequeue(out _)) left++;
            _counters.Dropped(left, DropCause.Closed);
            WarnQueueFull();
            _flushes.CompleteAll();
            _closed.TrySetResult(true);
        }

        private async Task RunAsync()
        {
            var nextFlush = _clock.GetTimestamp() + ToTimestamp(_flushInterval);
            while (!_close.Stopping.IsCancellationRequested)
            {
                var wake = _wake.Rearm();

                var now = _clock.GetTimestamp();
                var flushDue = now >= nextFlush;
                var waiters = _flushes.Count;
                try
                {
                    if (flushDue || waiters > 0)
                    {
                        await SendQueuedAsync(all: true).ConfigureAwait(false);
                        if (waiters > 0)
                        {
                            // Completed aside: the loop keeps sending while these flushes wait for retries.
                            _ = CompleteWhenSettledAsync(_flushes.Take(waiters), _inFlight.WhenSendsEnd());
                        }
                        if (flushDue) nextFlush = _clock.GetTimestamp() + ToTimestamp(_flushInterval);
                    }
                    else if (_queue.Count >= _batchSize)
                    {
                        await SendQueuedAsync(all: false).ConfigureAwait(false);
                    }
                    else
                    {
                        await SleepAsync(wake, nextFlush - now).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (_close.Aborted.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    Log.DeliveryLoopFailed(_logger, _redactor.Describe(e));
                    await AsyncHelpers.DelayAsync(TimeSpan.FromMilliseconds(100), _clock, _close.Stopping).ConfigureAwait(false);
                }
            }
            // Closing: send the rest within the close time limit (which signals Aborted when it passes).
            try
            {
                await SendQueuedAsync(all: true).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_close.Aborted.IsCancellationRequested)
            {
            }
        }

        private async Task CompleteWhenSettledAsync(List<TaskCompletionSource<bool>> waiters, Task sends)
        {
            // Close settles everything (or gives up on it), so it completes these flushes too.
            await Task.WhenAny(sends, _closed.Task).ConfigureAwait(false);
            foreach (var waiter in waiters) waiter.TrySetResult(true);
        }

        private async Task SleepAsync(Task wake, long timestampTicks)
        {
            var delay = TimeSpan.FromTicks(Math.Max(0, (long)(timestampTicks * (double)TimeSpan.TicksPerSecond / _clock.TimestampFrequency)));
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(_close.Stopping);
            // The delay is cancelled once woken, so frequent wakes do not pile up timers.
            await Task.WhenAny(wake, AsyncHelpers.Delay(delay, _clock, timer.Token)).ConfigureAwait(false);
            timer.Cancel();
        }

        /// <summary>
        /// Takes batches off the queue and starts sending them: the full batches queued when the call began,
        /// and with <paramref name="all"/> also the partial rest. Only what was queued at the start: under a
        /// sustained overload the queue never empties, and the loop must come back to its ticks and flushes.
        /// </summary>
        private async Task SendQueuedAsync(bool all)
        {
            var queued = _queue.Count;
            var owed = all ? queued : queued - queued % _batchSize;
            while (owed > 0)
            {
                var count = 0;
                long bytes = 0;
                while (count < _batchSize && _queue.TryDequeue(out _batch[count]))
                {
                    bytes += _batch[count].Bytes;
                    count++;
                }
                if (count == 0) return;
                owed -= count;
                var batch = _inFlight.Begin(count, bytes);
                if (!TryWriteBody(batch)) continue;
                try
                {
                    await _inFlight.AcquireSlotAsync(batch, _close.Aborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    batch.Body!.Return();
                    Settle(batch, BatchFate.Aborted);
                    throw;
                }
                batch.Send = SendBatchAsync(batch);
            }
        }

        /// <summary>
        /// Writes the body of the batch just taken (the first <see cref="InFlightBatch.Count"/> of <see cref="_batch"/>)
        /// into a pooled buffer, once: a retry sends the same bytes. The taken events are let go of either way.
        /// False when writing failed outright; the batch is then settled as failed.
        /// </summary>
        private bool TryWriteBody(InFlightBatch batch)
        {
            try
            {
                _payload.Write(_body, _batch, batch.Count, out var unwritable, out var failure);
                batch.Body = _body.Detach();
                batch.Unwritable = unwritable;
                batch.WriteFailure = failure;
                return true;
            }
            catch (Exception e)
            {
                Log.DeliveryLoopFailed(_logger, _redactor.Describe(e));
                _body.Clear();
                Settle(batch, BatchFate.RetriesExhausted);
                return false;
            }
            finally
            {
                Array.Clear(_batch, 0, batch.Count);
            }
        }

        private async Task SendBatchAsync(InFlightBatch batch)
        {
            var fate = BatchFate.RetriesExhausted;
            try
            {
                fate = await _sender.SendAsync(batch, _inFlight, _close.Stopping, _close.Aborted).ConfigureAwait(false);
            }
            catch (Exception) when (_close.Aborted.IsCancellationRequested)
            {
                // Given up by close (the HTTP client may be disposed by now): counted as dropped on close.
                fate = BatchFate.Aborted;
            }
            catch (Exception e)
            {
                Log.DeliveryLoopFailed(_logger, _redactor.Describe(e));
            }
            finally
            {
                // The send is over: nothing reads the body any more.
                batch.Body!.Return();
                Settle(batch, fate);
            }
        }

        /// <summary>Counts the batch's fate, unless close has already counted it as dropped; frees what it holds whatever happens.</summary>
        private void Settle(InFlightBatch batch, BatchFate fate)
        {
            if (!_inFlight.TryClaim(batch)) return;
            try
            {
                var unwritable = batch.Unwritable;
                var count = batch.Count - unwritable;
                _counters.Dropped(unwritable, DropCause.Unserializable);
                switch (fate)
                {
                    case BatchFate.Sent: _counters.Sent(count); break;
                    case BatchFate.Rejected: _counters.Dropped(count, DropCause.Rejected); break;
                    case BatchFate.RetriesExhausted: _counters.Dropped(count, DropCause.RetriesExhausted); break;
                    default: _counters.Dropped(count, DropCause.Closed); break;
                }
            }
            finally
            {
                _inFlight.Release(batch);
            }
        }

        private long ToTimestamp(TimeSpan span) => (long)(span.Ticks / (double)TimeSpan.TicksPerSecond * _clock.TimestampFrequency);
    }
}
