using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// A fake clock that reports each timer the code under test starts (a <c>Task.Delay</c>, a <c>WaitAsync</c> time box),
/// so a test lets exactly the time pass that the code waits for, once it is waiting: what happens then cannot depend
/// on how fast or busy the machine is.
/// </summary>
public sealed class SteppedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _started.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>
    /// Waits until the code under test starts its next timer, then lets that timer's time pass; <c>false</c> when
    /// <paramref name="unless"/> finished first (the code stopped waiting on the clock).
    /// </summary>
    public async Task<bool> NextTimerPassesAsync(Task unless)
    {
        var next = _started.Reader.ReadAsync().AsTask();
        if (await Task.WhenAny(next, unless).WaitAsync(TimeSpan.FromSeconds(30)) != next)
        {
            return false;
        }

        Advance(await next);
        return true;
    }
}
