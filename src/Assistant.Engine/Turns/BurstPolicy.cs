namespace Assistant.Engine.Turns;

/// <summary>
/// Whether a due turn waits for the burst it is part of: a newer customer input has its own turn coming, so this one
/// gives way, unless the burst has already kept its first input waiting for the longest debounce allowed.
/// </summary>
internal static class BurstPolicy
{
    /// <param name="pending">The conversation's unanswered inputs, oldest first.</param>
    /// <param name="dueInputId">The input the due turn was scheduled for.</param>
    public static bool WaitsForBurst(IReadOnlyList<PendingInput> pending, long dueInputId, DateTimeOffset now, TimeSpan maxDebounce) =>
        pending.Count > 0 && pending[^1].Id != dueInputId && now - pending[0].RecordedAt < maxDebounce;

    /// <summary>What an untranscribed voice note reads as in the transcript (<see cref="Conversations.MessageText"/>).</summary>
    public const string UntranscribedVoice = "[voice message]";

    /// <summary>
    /// How much longer a due turn waits for the transcript of a voice note it would answer: Chatwoot adds it with a
    /// later <c>message_updated</c>, and answering what was said beats answering "[voice message]". Null: go ahead.
    /// </summary>
    public static TimeSpan? TranscriptWait(IReadOnlyList<PendingInput> pending, DateTimeOffset now, TimeSpan maxWait)
    {
        var untranscribed = pending.LastOrDefault(p => p.Content?.Contains(UntranscribedVoice, StringComparison.Ordinal) == true);
        var left = untranscribed is null ? TimeSpan.Zero : maxWait - (now - untranscribed.RecordedAt);
        return left > TimeSpan.Zero ? left : null;
    }
}
