using Microsoft.Extensions.Time.Testing;

namespace Hackle.Integration.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> (given to the client as <see cref="HackleClientOptions.TimeProvider"/>) that
/// also records every timer the client asks for. Each wait of the client's schedule (poll delay, retry
/// backoff, flush tick, request timeout) is a timer with its due time, so a test reads the exact wait the
/// client chose instead of timing it, and time moves only when the test advances it: a stalled machine
/// cannot add a flush tick or a timeout.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    /// <summary>Where every test clock starts: a whole second, so that HTTP dates (second resolution) are exact.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly object _lock = new();
    private readonly List<ClockTimer> _timers = new();

    public TestClock() : base(Origin)
    {
    }

    /// <summary>One timer the client created: how long it was set for, when it falls due, whether it is still waiting.</summary>
    public sealed class ClockTimer(TimeSpan dueTime, DateTimeOffset dueAt)
    {
        public TimeSpan DueTime { get; } = dueTime;
        public DateTimeOffset DueAt { get; } = dueAt;
        private int _done;
        public bool Pending => Volatile.Read(ref _done) == 0;
        internal void End() => Interlocked.Exchange(ref _done, 1);
        public override string ToString() => $"{DueTime.TotalMilliseconds} ms{(Pending ? " (pending)" : "")}";
    }

    /// <summary>Every timer created so far, oldest first.</summary>
    public IReadOnlyList<ClockTimer> Timers
    {
        get
        {
            lock (_lock) return _timers.ToArray();
        }
    }

    /// <summary>The due times of the timers created so far that <paramref name="which"/> selects, oldest first.</summary>
    public IReadOnlyList<TimeSpan> Waits(Func<TimeSpan, bool> which) => Timers.Select(t => t.DueTime).Where(which).ToList();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ClockTimer(dueTime, GetUtcNow() + dueTime);
        lock (_lock) _timers.Add(timer);
        var inner = base.CreateTimer(s =>
        {
            if (period == Timeout.InfiniteTimeSpan) timer.End();
            callback(s);
        }, state, dueTime, period);
        return new Tracked(inner, timer);
    }

    /// <summary>Waits (in real time) until <paramref name="count"/> timers selected by <paramref name="which"/> have been created.</summary>
    public async Task<IReadOnlyList<TimeSpan>> WaitForAsync(Func<TimeSpan, bool> which, int count, string what)
    {
        await Eventually.HoldsAsync(() => Waits(which).Count >= count, $"{count} × {what} (so far: {string.Join(", ", Timers)})");
        return Waits(which);
    }

    /// <summary>
    /// Runs <paramref name="task"/> to completion, moving the clock to each pending timer that
    /// <paramref name="which"/> selects as soon as one is waiting, and never anywhere else: the timers it does
    /// not select (request timeouts, the flush tick) never fall due, however slow the machine is.
    /// </summary>
    public async Task RunAsync(Task task, Func<TimeSpan, bool> which, string what = "the operation")
    {
        var limit = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (!task.IsCompleted)
        {
            if (DateTime.UtcNow > limit) throw new TimeoutException($"{what} did not finish within {Eventually.DefaultTimeout.TotalSeconds:0} s (timers: {string.Join(", ", Timers)})");
            var next = Timers.Where(t => t.Pending && which(t.DueTime)).OrderBy(t => t.DueAt).FirstOrDefault();
            if (next is null)
            {
                await Task.WhenAny(task, Task.Delay(5));
                continue;
            }
            var step = next.DueAt - GetUtcNow();
            Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
            await Task.Yield();
        }
        await task;
    }

    private sealed class Tracked(ITimer inner, ClockTimer timer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            timer.End();
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            timer.End();
            return inner.DisposeAsync();
        }
    }
}
