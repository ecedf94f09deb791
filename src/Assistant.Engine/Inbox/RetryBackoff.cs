namespace Assistant.Engine.Inbox;

/// <summary>Exponential backoff with "equal jitter": half the step is fixed, half random, capped at the maximum.</summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var step = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((step / 2) + (step / 2 * Math.Clamp(random, 0, 1)));
    }
}
