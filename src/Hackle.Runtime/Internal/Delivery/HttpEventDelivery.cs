using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// The event sink that delivers over HTTP. Callers only put events in a bounded lock-free queue; one
    /// background loop takes them out in batches, sends a batch as soon as one is full and everything on
    /// the flush tick, with at most N batches in flight. Every event is accounted for in <see cref="Stats"/>.
    /// </summary>
    internal sealed class HttpEventDelivery : IHackleEventSink
    {
        private readonly BoundedEventQueue _queue;
        private readonly DeliveryCounters _counters;
        private readonly EventBatchSender _sender;
        private readonly ILogger _logger;
        private readonly SecretRedactor _redactor;
        private readonly int _capacity;
        private readonly int _batchSize;
        private readonly TimeSpan _flushInterval;
        private readonly int _maxInFlight;
        private readonly SemaphoreSlim _slots;
        private readonly ConcurrentQueue<TaskCompletionSource<bool>> _flushWaiters = new ConcurrentQueue<TaskCompletionSource<bool>>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly CancellationTokenSource _abort = new CancellationTokenSource();
        private readonly object _closeLock = new object();

        private TaskCompletionSource<bool> _wake = NewSignal();
        private int _wakePending;
        private int _closed;
        private int _producers;
        private int _queueFullSeen;
        private long _inFlight;
        private Task _loop = Task.CompletedTask;
        private Task? _close;

        public HttpEventDelivery(EventBatchSender sender, DeliveryCounters counters, HackleClientOptions options, ILogger logger, SecretRedactor redactor)
        {
            _redactor = redactor;
            _capacity = options.EventQueueCapacity;
            _sender = sender;
            _counters = counters;
            _logger = logger;
            _queue = new BoundedEventQueue(options.EventQueueCapacity);
            _batchSize = options.EventBatchSize;
            _flushInterval = options.EventFlushInterval;
            _maxInFlight = options.MaxConcurrentEventBatches;
            _slots = new SemaphoreSlim(_maxInFlight, _maxInFlight);
        }

        /// <summary>The accounting so far.</summary>
        public HackleEventStats Stats => _counters.Snapshot(_queue.Count + Interlocked.Read(ref _inFlight));

        /// <summary>Starts the delivery loop on the thread pool.</summary>
        public void Start() => _loop = Task.Run(RunAsync);

        /// <summary>Queues an event: no lock, no wait, no allocation. A full queue drops the event and counts it.</summary>
        public void Enqueue(UserEvent userEvent)
        {
            // Close waits for producers inside this method, so an event that passed the closed check is drained, not stranded.
            Interlocked.Increment(ref _producers);
            try
            {
                _counters.Received();
                if (Volatile.Read(ref _closed) != 0)
                {
                    _counters.Dropped(1, DropCause.Closed);
                    return;
                }
                if (!_queue.TryEnqueue(userEvent))
                {
                    _counters.Dropped(1, DropCause.QueueFull);
                    // The loop logs it: a logger may block, and the caller must not.
                    Volatile.Write(ref _queueFullSeen, 1);
                    return;
                }
                _counters.Queued();
                if (_queue.Count >= _batchSize) Wake();
            }
            finally
            {
                Interlocked.Decrement(ref _producers);
            }
        }

        /// <summary>Sends everything queued before the call and waits until it is sent or dropped.</summary>
        public async Task FlushAsync(CancellationToken cancellationToken = default)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Enqueue(done);
            Wake();
            if (Volatile.Read(ref _closed) != 0)
            {
                // The loop may be gone already; closing drains everything, so waiting for it is the flush.
                Task? close;
                lock (_closeLock) close = _close;
                if (close != null && await AsyncHelpers.TryWaitAsync(close, cancellationToken).ConfigureAwait(false)) done.TrySetResult(true);
            }
            if (!await AsyncHelpers.TryWaitAsync(done.Task, cancellationToken).ConfigureAwait(false))
                cancellationToken.ThrowIfCancellationRequested();
        }

        /// <summary>
        /// Stops taking events, sends what is queued, and gives up on what is still unsent when
        /// <paramref name="cancellationToken"/> is cancelled (counted as dropped on close). Never throws.
        /// </summary>
        public Task CloseAsync(CancellationToken cancellationToken = default)
        {
            lock (_closeLock)
            {
                return _close ??= CloseCoreAsync(cancellationToken);
            }
        }

        private async Task CloseCoreAsync(CancellationToken deadline)
        {
            Interlocked.Exchange(ref _closed, 1);
            var spin = new SpinWait();
            while (Volatile.Read(ref _producers) != 0) spin.SpinOnce();
            _stop.Cancel();
            Wake();
            if (!await AsyncHelpers.TryWaitAsync(_loop, deadline).ConfigureAwait(false))
            {
                _abort.Cancel();
                // Cancelled sends return at once; the grace only covers a handler that ignores cancellation.
                await AsyncHelpers.TryWaitAsync(_loop, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                Log.CloseIncomplete(_logger, "the close time limit passed; unsent events were dropped");
            }
            var left = 0;
            while (_queue.TryDequeue(out _)) left++;
            _counters.Dropped(left, DropCause.Closed);
            CompleteWaiters(_flushWaiters.Count);
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private void Wake()
        {
            if (Interlocked.Exchange(ref _wakePending, 1) == 0) Volatile.Read(ref _wake).TrySetResult(true);
        }

        private async Task RunAsync()
        {
            var nextFlush = Stopwatch.GetTimestamp() + ToTimestamp(_flushInterval);
            while (!_stop.IsCancellationRequested)
            {
                var wake = NewSignal();
                Volatile.Write(ref _wake, wake);
                // A full fence, so the checks below see every event and flush request made before a missed wake.
                Interlocked.Exchange(ref _wakePending, 0);
                if (Interlocked.Exchange(ref _queueFullSeen, 0) != 0) Log.EventQueueFull(_logger, _capacity, Stats.DroppedQueueFull);

                var now = Stopwatch.GetTimestamp();
                var flushDue = now >= nextFlush;
                var waiters = _flushWaiters.Count;
                try
                {
                    if (flushDue || waiters > 0)
                    {
                        await SendQueuedAsync(all: true).ConfigureAwait(false);
                        if (waiters > 0)
                        {
                            await WaitForInFlightAsync().ConfigureAwait(false);
                            CompleteWaiters(waiters);
                        }
                        if (flushDue) nextFlush = Stopwatch.GetTimestamp() + ToTimestamp(_flushInterval);
                    }
                    else if (_queue.Count >= _batchSize)
                    {
                        await SendQueuedAsync(all: false).ConfigureAwait(false);
                    }
                    else
                    {
                        await SleepAsync(wake.Task, nextFlush - now).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (_abort.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    Log.DeliveryLoopFailed(_logger, _redactor.Describe(e));
                    await AsyncHelpers.DelayAsync(TimeSpan.FromMilliseconds(100), _stop.Token).ConfigureAwait(false);
                }
            }
            // Closing: send the rest within the close time limit (which cancels _abort when it passes).
            try
            {
                await SendQueuedAsync(all: true).ConfigureAwait(false);
                await WaitForInFlightAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
            }
            CompleteWaiters(_flushWaiters.Count);
        }

        private async Task SleepAsync(Task wake, long timestampTicks)
        {
            var delay = TimeSpan.FromTicks(Math.Max(0, (long)(timestampTicks * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            // The delay is cancelled once woken, so frequent wakes do not pile up timers.
            await Task.WhenAny(wake, Task.Delay(delay, timer.Token)).ConfigureAwait(false);
            timer.Cancel();
        }

        /// <summary>
        /// Takes batches off the queue and starts sending them: full batches, and with <paramref name="all"/>
        /// also the partial rest of what was queued when the call began (so steady traffic cannot stall a flush).
        /// </summary>
        private async Task SendQueuedAsync(bool all)
        {
            var owed = all ? _queue.Count : 0;
            while (owed > 0 || _queue.Count >= _batchSize)
            {
                var batch = new List<UserEvent>(Math.Min(_batchSize, Math.Max(1, _queue.Count)));
                while (batch.Count < _batchSize && _queue.TryDequeue(out var e)) batch.Add(e!);
                if (batch.Count == 0) return;
                owed -= batch.Count;
                Interlocked.Add(ref _inFlight, batch.Count);
                try
                {
                    await _slots.WaitAsync(_abort.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Finish(batch.Count, BatchFate.Aborted);
                    throw;
                }
                _ = SendBatchAsync(batch);
            }
        }

        private async Task SendBatchAsync(List<UserEvent> batch)
        {
            var fate = BatchFate.RetriesExhausted;
            try
            {
                fate = await _sender.SendAsync(batch, _abort.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_abort.IsCancellationRequested)
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
                Finish(batch.Count, fate);
                _slots.Release();
            }
        }

        private void Finish(int count, BatchFate fate)
        {
            switch (fate)
            {
                case BatchFate.Sent: _counters.Sent(count); break;
                case BatchFate.Rejected: _counters.Dropped(count, DropCause.Rejected); break;
                case BatchFate.RetriesExhausted: _counters.Dropped(count, DropCause.RetriesExhausted); break;
                default: _counters.Dropped(count, DropCause.Closed); break;
            }
            Interlocked.Add(ref _inFlight, -count);
        }

        /// <summary>Waits until no batch is in flight, by holding every slot for a moment.</summary>
        private async Task WaitForInFlightAsync()
        {
            var held = 0;
            try
            {
                for (; held < _maxInFlight; held++) await _slots.WaitAsync(_abort.Token).ConfigureAwait(false);
            }
            finally
            {
                if (held > 0) _slots.Release(held);
            }
        }

        private void CompleteWaiters(int count)
        {
            for (var i = 0; i < count && _flushWaiters.TryDequeue(out var waiter); i++) waiter.TrySetResult(true);
        }

        private static long ToTimestamp(TimeSpan span) => (long)(span.Ticks / (double)TimeSpan.TicksPerSecond * Stopwatch.Frequency);
    }
}
