namespace Assistant.Core.Turns;

/// <summary>The turn cannot go on yet (it waits for an echo); the inbox retries it later.</summary>
public sealed class TurnDeferredException(string message) : Exception(message);
