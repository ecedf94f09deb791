namespace Assistant.Engine.Inbox;

/// <summary>What one pass of a worker did: processed an event (look for the next at once) or found none (sleep).</summary>
public sealed record InboxStep(bool Processed, TimeSpan IdleFor)
{
    public static readonly InboxStep Busy = new(true, TimeSpan.Zero);

    public static InboxStep Idle(TimeSpan sleep) => new(false, sleep);
}
