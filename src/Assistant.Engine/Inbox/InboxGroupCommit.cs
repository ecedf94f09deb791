using Npgsql;

namespace Assistant.Engine.Inbox;

/// <summary>
/// Stores webhooks for intake with group commit: the requests that arrive while one batch is being written share the
/// next multi-row <c>INSERT</c> and its commit, so under load the database sees one statement per batch instead of
/// one per request, and a quiet moment costs a single-row batch. Every caller still gets its answer only once its
/// event is committed.
/// </summary>
public sealed class InboxGroupCommit(NpgsqlDataSource dataSource, InboxRepository inbox)
{
    // A batch that large already takes the database a few milliseconds; larger ones only make the tail wait longer.
    private const int MaxBatch = 256;
    private readonly Lock _gate = new();
    private List<Waiting> _waiting = [];
    private bool _writing;

    /// <summary>Stores the event unless the same delivery was stored before.</summary>
    /// <returns><c>true</c> when stored, <c>false</c> for a duplicate delivery.</returns>
    /// <remarks>
    /// A cancelled caller stops waiting, but its event may still be stored: the sender's retry is then a duplicate.
    /// </remarks>
    public async Task<bool> TryAddAsync(NewInboxEvent inboxEvent, CancellationToken cancellationToken)
    {
        var waiting = new Waiting(inboxEvent);
        bool lead;
        lock (_gate)
        {
            _waiting.Add(waiting);
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            await WriteNextBatchAsync();
        }

        return await waiting.Stored.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes what is waiting, then hands the rest, if any, to the thread pool so this caller can answer.</summary>
    private async Task WriteNextBatchAsync()
    {
        List<Waiting> batch;
        lock (_gate)
        {
            batch = _waiting.Count <= MaxBatch ? _waiting : _waiting[..MaxBatch];
            _waiting = _waiting.Count <= MaxBatch ? [] : _waiting[MaxBatch..];
        }

        await WriteAsync(batch);
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                _writing = false;
                return;
            }
        }

        _ = Task.Run(WriteNextBatchAsync);
    }

    private async Task WriteAsync(IReadOnlyList<Waiting> batch)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            var stored = await inbox.TryAddManyAsync([.. batch.Select(w => w.Event)], connection, null, CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Stored.TrySetResult(stored[i]);
            }
        }
        catch (PostgresException ex) when (!ex.IsTransient && batch.Count > 1)
        {
            // One event the database refuses (text it cannot store) must not fail the others: each is written alone.
            foreach (var waiting in batch)
            {
                await WriteAsync([waiting]);
            }
        }
        catch (Exception ex)
        {
            foreach (var waiting in batch)
            {
                waiting.Stored.TrySetException(ex);
            }
        }
    }

    private sealed record Waiting(NewInboxEvent Event)
    {
        public TaskCompletionSource<bool> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
