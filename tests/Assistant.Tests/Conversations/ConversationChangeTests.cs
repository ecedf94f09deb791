using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Assistant.Tests.Infrastructure;
using Npgsql;

namespace Assistant.Tests.Conversations;

/// <summary>An event's change to its conversation: read and lines in one round trip, writes and commit in the next.</summary>
public sealed class ConversationChangeTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private NpgsqlDataSource _onePooledConnection = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _onePooledConnection = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await _onePooledConnection.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Change_of_a_new_conversation_records_its_first_line_before_the_conversation_row_exists()
    {
        // Arrange
        var completion = new InboxCompletion(new InboxRepository(_onePooledConnection, TimeProvider.System));

        // Act
        await using (var change = await ConversationChange.BeginAsync(_onePooledConnection, 1, 42, [Line(501)], TestContext.Current.CancellationToken))
        {
            ConversationRepository.AddSave(change.Writes, change.Before with { ContactName = "Jane" });
            await change.CommitAsync(completion, TestContext.Current.CancellationToken);
        }

        // Assert
        Assert.Equal("Jane", (await _database.ConversationAsync(1, 42))?.ContactName);
        Assert.Equal([501L], (await _database.TranscriptAsync(1, 42)).Select(l => l.MessageId));
        Assert.Null(completion.CompletedWithClaim);
    }

    [Fact]
    public async Task Change_that_fails_at_commit_stores_nothing_and_hands_back_its_connection_outside_any_transaction()
    {
        // Arrange
        var completion = new InboxCompletion(new InboxRepository(_onePooledConnection, TimeProvider.System));

        // Act
        var failure = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var change = await ConversationChange.BeginAsync(_onePooledConnection, 1, 42, [Line(501)], TestContext.Current.CancellationToken);
            ConversationRepository.AddSave(change.Writes, change.Before);
            change.Writes.Execute("SELECT 1 / (SELECT count(*) - count(*) FROM conversations)");
            await change.CommitAsync(completion, TestContext.Current.CancellationToken);
        });

        // Assert: the only pooled connection answers outside the failed transaction, and nothing was kept.
        Assert.Equal(PostgresErrorCodes.DivisionByZero, failure.SqlState);
        await using var next = await _onePooledConnection.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM transcript_messages) + (SELECT count(*) FROM conversations)", next);
        Assert.Equal(0L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private static TranscriptEntry Line(long messageId) =>
        new(1, 42, messageId, TranscriptEntry.MessageKind, TranscriptRole.Customer, "where is my order?", "text", "{}", 77, null,
            new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
}
