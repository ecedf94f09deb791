namespace Assistant.Transport;

/// <summary>
/// How many pieces of work (inbox events) may run on this machine at once, not counting the time they spend waiting
/// on another service. An event takes a <see cref="Share"/> before it starts and gives it back when it ends; while it
/// waits on the model, Chatwoot, Zendesk or a store (<see cref="Away"/>, which the HTTP transports apply), its share
/// lets another event run. So many workers can wait on the model while only a handful compete for the cores, and the
/// database work and webhook intake of the same instance keep their part of the machine.
/// </summary>
/// <remarks>
/// Work coming back from a wait never waits for a share: it may hold database locks that the work holding the shares
/// needs. The count can therefore run over the budget for a while; no new work starts until it is back under it.
/// </remarks>
public sealed class WorkBudget
{
    private static readonly AsyncLocal<Share?> Current = new();
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private int _running;

    public WorkBudget(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
    }

    public int Size { get; }

    /// <summary>Pieces of work running now, outside their waits on other services.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>Whether the work running is within the budget, the one holding the caller's share included.</summary>
    public bool WithinBudget => Running <= Size;

    /// <summary>
    /// Waits for a share, handed out in the order asked for; disposing it gives it back. The caller makes it its
    /// flow's with <see cref="Share.Enter"/> (an async method's own changes to the flow do not reach its caller).
    /// </summary>
    public async Task<Share> TakeAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource granted;
        lock (_lock)
        {
            if (_running < Size && _waiting.Count == 0)
            {
                _running++;
                return new Share(this);
            }

            granted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(granted);
        }

        await using (cancellationToken.Register(() =>
        {
            // Under the lock, a grant and a cancellation cannot both win.
            lock (_lock)
            {
                granted.TrySetCanceled(cancellationToken);
            }
        }))
        {
            await granted.Task;
        }

        return new Share(this);
    }

    /// <summary>
    /// Marks a wait on another service in the current flow: its share is free for other work until the scope is
    /// disposed. Outside work that holds a share, it does nothing.
    /// </summary>
    public static AwayScope Away()
    {
        var share = Current.Value;
        share?.Leave();
        return new AwayScope(share);
    }

    /// <summary>One running piece of work fewer: the first waiting one starts.</summary>
    private void FreeLocked()
    {
        _running--;
        while (_running < Size && _waiting.TryDequeue(out var next))
        {
            if (next.TrySetResult())
            {
                _running++;
            }
        }
    }

    /// <summary>A piece of work's place in the budget.</summary>
    public sealed class Share : IDisposable
    {
        private readonly WorkBudget _budget;
        private int _waits;
        private bool _ended;

        internal Share(WorkBudget budget) => _budget = budget;

        /// <summary>Makes this the share of the calling flow and of what it calls, for <see cref="Away"/> to find.</summary>
        public void Enter() => Current.Value = this;

        // Concurrent waits of one piece of work (a typing indicator sent while the model thinks) free its share once.
        internal void Leave()
        {
            lock (_budget._lock)
            {
                if (!_ended && _waits++ == 0)
                {
                    _budget.FreeLocked();
                }
            }
        }

        internal void Return()
        {
            lock (_budget._lock)
            {
                if (!_ended && --_waits == 0)
                {
                    _budget._running++;
                }
            }
        }

        public void Dispose()
        {
            lock (_budget._lock)
            {
                if (_ended)
                {
                    return;
                }

                _ended = true;
                if (_waits == 0)
                {
                    _budget.FreeLocked();
                }
            }
        }
    }

    /// <summary>The span of one wait; see <see cref="Away"/>.</summary>
    public readonly struct AwayScope(Share? share) : IDisposable
    {
        public void Dispose() => share?.Return();
    }
}
