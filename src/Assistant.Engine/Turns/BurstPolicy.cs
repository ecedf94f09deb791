namespace Assistant.Engine.Turns;

/// <summary>
/// Whether a due turn waits for the burst it is part of: a newer customer input has its own turn coming, so this one
/// gives way, unless the burst has already kept its first input waiting for the longest debounce allowed.
/// </summary>
public static class BurstPolicy
{
    /// <param name="pending">The conversation's unanswered inputs, oldest first.</param>
    /// <param name="dueInputId">The input the due turn was scheduled for.</param>
    public static bool WaitsForBurst(IReadOnlyList<PendingInput> pending, long dueInputId, DateTimeOffset now, TimeSpan maxDebounce) =>
        pending.Count > 0 && pending[^1].Id != dueInputId && now - pending[0].RecordedAt < maxDebounce;
}
