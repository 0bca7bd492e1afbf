using System.Diagnostics;

namespace Hackle.Integration.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes; tests never sleep to assert timing.</summary>
public static class Eventually
{
    /// <summary>
    /// A bound on a hang, not a timing assertion: a condition that holds returns at once, so the bound is
    /// generous enough for a 2-core machine that is also building (it only lengthens a failing run).
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"Not true within {limit.TotalSeconds:0.#} s: {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Bounds a task that must finish; a hang fails the test instead of stalling the run.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan? timeout = null, string what = "the operation")
    {
        var limit = timeout ?? DefaultTimeout;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task) throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} s");
        return await task;
    }

    public static async Task WithinAsync(Task task, TimeSpan? timeout = null, string what = "the operation")
    {
        var limit = timeout ?? DefaultTimeout;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task) throw new TimeoutException($"{what} did not finish within {limit.TotalSeconds:0.#} s");
        await task;
    }
}
