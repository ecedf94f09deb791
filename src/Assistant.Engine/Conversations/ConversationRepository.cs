using Assistant.Engine.Storage;
using Npgsql;

namespace Assistant.Engine.Conversations;

public sealed class ConversationRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        account_id, conversation_id, inbox_id, channel, status, assignee_id, assignee_type, team_id, contact_id,
        contact_name, contact_email, contact_phone, contact_identifier, contact_source_id, hmac_verified, store_identity, language, labels,
        can_reply, reclaimed_assignee_id, source_updated_at, held_by_people, handed_back_at
        """;

    public async Task<ConversationState?> GetAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        var read = AddGet(batch, accountId, conversationId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await batch.ExecuteAsync(connection, cancellationToken);
        return read.Rows.SingleOrDefault();
    }

    /// <summary>The same, as a statement of the caller's batch.</summary>
    public static SqlRows<ConversationState> AddGet(SqlBatch batch, long accountId, long conversationId) =>
        batch.Query<ConversationState>(
            $"SELECT {Columns} FROM conversations WHERE account_id = @AccountId AND conversation_id = @ConversationId",
            new { AccountId = accountId, ConversationId = conversationId });

    /// <summary>Reads the conversation locked for the rest of the transaction, or a new one when unknown.</summary>
    public async Task<ConversationState> GetForUpdateAsync(
        long accountId, long conversationId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        var read = AddGetForUpdate(batch, accountId, conversationId);
        await batch.ExecuteAsync(connection, transaction, cancellationToken);
        return read.Value;
    }

    /// <summary>The same, as a statement of the caller's batch.</summary>
    public static LockedConversation AddGetForUpdate(SqlBatch batch, long accountId, long conversationId) =>
        new(batch.Query<ConversationState>(
            $"SELECT {Columns} FROM conversations WHERE account_id = @AccountId AND conversation_id = @ConversationId FOR UPDATE",
            new { AccountId = accountId, ConversationId = conversationId }), accountId, conversationId);

    public async Task SaveAsync(ConversationState state, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        AddSave(batch, state);
        await batch.ExecuteAsync(connection, transaction, cancellationToken);
    }

    /// <summary>The same, as a statement of the caller's batch.</summary>
    public static void AddSave(SqlBatch batch, ConversationState state)
    {
        const string sql = $"""
            INSERT INTO conversations ({Columns}, ownership)
            VALUES (@AccountId, @ConversationId, @InboxId, @Channel, @Status, @AssigneeId, @AssigneeType, @TeamId, @ContactId,
                    @ContactName, @ContactEmail, @ContactPhone, @ContactIdentifier, @ContactSourceId, @HmacVerified, @StoreIdentity, @Language, @Labels,
                    @CanReply, @ReclaimedAssigneeId, @SourceUpdatedAt, @HeldByPeople, @HandedBackAt, @OwnershipName)
            ON CONFLICT (account_id, conversation_id) DO UPDATE SET
                inbox_id = EXCLUDED.inbox_id, channel = EXCLUDED.channel, status = EXCLUDED.status,
                assignee_id = EXCLUDED.assignee_id, assignee_type = EXCLUDED.assignee_type, team_id = EXCLUDED.team_id,
                contact_id = EXCLUDED.contact_id, contact_name = EXCLUDED.contact_name, contact_email = EXCLUDED.contact_email,
                contact_phone = EXCLUDED.contact_phone, contact_identifier = EXCLUDED.contact_identifier,
                contact_source_id = EXCLUDED.contact_source_id, hmac_verified = EXCLUDED.hmac_verified,
                store_identity = EXCLUDED.store_identity, language = EXCLUDED.language, labels = EXCLUDED.labels,
                can_reply = EXCLUDED.can_reply, reclaimed_assignee_id = EXCLUDED.reclaimed_assignee_id,
                source_updated_at = EXCLUDED.source_updated_at, held_by_people = EXCLUDED.held_by_people,
                handed_back_at = EXCLUDED.handed_back_at, ownership = EXCLUDED.ownership, updated_at = now()
            """;
        batch.Execute(sql, state).Parameters.AddWithValue("OwnershipName", state.Ownership.ToString().ToLowerInvariant());
    }
}

/// <summary>A conversation read under lock in a batch; a conversation not stored yet reads as new.</summary>
public sealed class LockedConversation(SqlRows<ConversationState> rows, long accountId, long conversationId)
{
    public ConversationState Value => rows.Rows.Count > 0 ? rows.Rows[0] : ConversationState.New(accountId, conversationId);
}
