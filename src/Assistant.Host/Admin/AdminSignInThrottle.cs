using System.Collections.Concurrent;

namespace Assistant.Host.Admin;

/// <summary>
/// Slows down guessing the admin token: after <see cref="MaxFailures"/> failed sign-ins from one address within
/// <see cref="Window"/>, that address must wait for the window to pass. Per instance: the token's length is what
/// really protects it; this keeps a guesser from trying thousands a minute.
/// </summary>
internal sealed class AdminSignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long this address must still wait, or null when it may try.</summary>
    public TimeSpan? WaitFor(string address)
    {
        if (!_failures.TryGetValue(address, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var now = clock.GetUtcNow();
            while (failures.Count > 0 && now - failures.Peek() >= Window)
            {
                failures.Dequeue();
            }

            return failures.Count >= MaxFailures ? failures.Peek() + Window - now : null;
        }
    }

    public void Failed(string address)
    {
        if (_failures.Count > MaxAddresses)
        {
            // Many addresses guessing at once: forget those whose window has passed, so memory stays bounded.
            foreach (var stale in _failures.Keys.Where(a => WaitFor(a) is null).ToList())
            {
                _failures.TryRemove(stale, out _);
            }
        }

        var failures = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            failures.Enqueue(clock.GetUtcNow());
        }
    }

    public void Succeeded(string address) => _failures.TryRemove(address, out _);
}
