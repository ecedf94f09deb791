using System.Data;
using Assistant.Engine.Inbox;
using Assistant.Engine.Storage;
using Npgsql;

namespace Assistant.Engine.Conversations;

/// <summary>
/// One event's change to a conversation, in two round trips: the first begins a transaction, locks and reads the
/// conversation and records the event's transcript lines (which depend on the event alone); the second sends every
/// write that depends on what was read, the event's completion and the commit.
/// </summary>
internal sealed class ConversationChange : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly LockedConversation _conversation;
    private readonly IReadOnlyList<SqlRows<long>> _lines;
    private bool _committed;

    private ConversationChange(NpgsqlConnection connection, LockedConversation conversation, IReadOnlyList<SqlRows<long>> lines)
    {
        _connection = connection;
        _conversation = conversation;
        _lines = lines;
    }

    /// <summary>The conversation as it was before this event.</summary>
    public ConversationState Before => _conversation.Value;

    /// <summary>The ids of the recorded lines, in the order given.</summary>
    public IReadOnlyList<long> LineIds => [.. _lines.Select(l => l.Rows[0])];

    /// <summary>The writes sent with the commit.</summary>
    public SqlBatch Writes { get; } = new();

    public static async Task<ConversationChange> BeginAsync(
        NpgsqlDataSource dataSource, long accountId, long conversationId, IReadOnlyList<TranscriptEntry> lines, CancellationToken cancellationToken)
    {
        var read = new SqlBatch();
        read.Execute("BEGIN");
        var conversation = ConversationRepository.AddGetForUpdate(read, accountId, conversationId);
        var recorded = lines.Select(line => TranscriptRepository.AddUpsert(read, line)).ToList();
        var change = new ConversationChange(await dataSource.OpenConnectionAsync(cancellationToken), conversation, recorded);
        try
        {
            await read.ExecuteAsync(change._connection, cancellationToken);
            return change;
        }
        catch
        {
            await change.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends the writes with the event's completion and the commit, in one round trip.</summary>
    public async Task CommitAsync(InboxCompletion completion, CancellationToken cancellationToken)
    {
        completion.AddTo(Writes);
        Writes.Execute("COMMIT");
        await Writes.ExecuteAsync(_connection, cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_committed && _connection.State == ConnectionState.Open)
        {
            // A failed statement leaves the transaction aborted; the connection must not go back to the pool inside it.
            try
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", _connection);
                await rollback.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // A broken connection is discarded by the pool; the server rolled the transaction back with it.
            }
        }

        await _connection.DisposeAsync();
    }
}
