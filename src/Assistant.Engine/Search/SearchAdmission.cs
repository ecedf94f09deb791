namespace Assistant.Engine.Search;

/// <summary>
/// Lets the catalog's and the help articles' searches run their database work a few at a time, in the order they ask.
/// A search is CPU on this machine (the service's and PostgreSQL's); 32 of them started together share the cores and
/// each takes about 16 times its own time, the heaviest setting the tail, while taken in turn each waits for those
/// before it and the last ends near the time all of them need (bench/README.md, "Catalog and help-article search").
/// </summary>
/// <remarks>
/// The work budget (<c>Inbox__BusyWorkers</c>, the same size) cannot do this: a turn's tool call runs when the model
/// answers, and work coming back from a wait never waits for a share. A search holding a slot waits on nothing but its
/// own read-only statements, so the slots cannot close a cycle of waits.
/// </remarks>
public sealed class SearchAdmission
{
    private readonly SemaphoreSlim _slots;

    public SearchAdmission(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _slots = new SemaphoreSlim(size, size);
    }

    public int Size { get; }

    /// <summary>Searches running now.</summary>
    public int Running => Size - _slots.CurrentCount;

    /// <summary>Waits for a slot (callers waiting asynchronously are let in first come, first served); disposing it gives it back.</summary>
    public async Task<Slot> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    /// <summary>One search's place; see <see cref="EnterAsync"/>. The default one holds nothing.</summary>
    public readonly struct Slot(SemaphoreSlim? slots) : IDisposable
    {
        public void Dispose() => slots?.Release();
    }
}
