using Assistant.Engine.Inbox;

namespace Assistant.Tests.Inbox;

public sealed class IdleSleepTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    [Fact]
    public void Worker_with_nothing_waiting_sleeps_the_poll_interval() =>
        Assert.Equal(Poll, InboxProcessor.SleepFor(null, Now, Poll));

    [Fact]
    public void Worker_sleeps_no_longer_than_the_poll_interval() =>
        Assert.Equal(Poll, InboxProcessor.SleepFor(Now.AddMinutes(1), Now, Poll));

    [Fact]
    public void Worker_wakes_no_earlier_than_the_event_falls_due() =>
        Assert.Equal(TimeSpan.FromMilliseconds(251), InboxProcessor.SleepFor(Now.AddMilliseconds(250.2), Now, Poll));

    [Fact]
    public void Event_already_due_is_tried_again_after_a_millisecond() =>
        Assert.Equal(TimeSpan.FromMilliseconds(1), InboxProcessor.SleepFor(Now.AddMilliseconds(-3), Now, Poll));
}
