namespace Assistant.Engine.Inbox;

/// <summary>
/// The handler cannot go on yet (a turn waits for Chatwoot's echo of an uncertain answer): the event runs again after
/// <see cref="Delay"/>. Waiting is not failing, so it does not count towards the attempts that lead to a dead letter.
/// </summary>
public sealed class EventDeferredException(string message, TimeSpan delay) : Exception(message)
{
    public TimeSpan Delay { get; } = delay;
}
