using Dapper;
using Npgsql;

namespace Assistant.Engine.Conversations;

public sealed class ConversationRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        account_id, conversation_id, inbox_id, channel, status, assignee_id, assignee_type, team_id, contact_id,
        contact_name, contact_email, contact_phone, contact_identifier, contact_verified_by, language, labels,
        can_reply, reclaimed_assignee_id, source_updated_at
        """;

    public async Task<ConversationState?> GetAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConversationState>(new CommandDefinition(
            $"SELECT {Columns} FROM conversations WHERE account_id = @AccountId AND conversation_id = @ConversationId",
            new { AccountId = accountId, ConversationId = conversationId }, cancellationToken: cancellationToken));
    }

    /// <summary>Reads the conversation locked for the rest of the transaction, or a new one when unknown.</summary>
    public async Task<ConversationState> GetForUpdateAsync(
        long accountId, long conversationId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var existing = await connection.QuerySingleOrDefaultAsync<ConversationState>(new CommandDefinition(
            $"SELECT {Columns} FROM conversations WHERE account_id = @AccountId AND conversation_id = @ConversationId FOR UPDATE",
            new { AccountId = accountId, ConversationId = conversationId }, transaction, cancellationToken: cancellationToken));
        return existing ?? ConversationState.New(accountId, conversationId);
    }

    public async Task SaveAsync(ConversationState state, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        const string sql = $"""
            INSERT INTO conversations ({Columns}, ownership)
            VALUES (@AccountId, @ConversationId, @InboxId, @Channel, @Status, @AssigneeId, @AssigneeType, @TeamId, @ContactId,
                    @ContactName, @ContactEmail, @ContactPhone, @ContactIdentifier, @ContactVerifiedBy, @Language, @Labels,
                    @CanReply, @ReclaimedAssigneeId, @SourceUpdatedAt, @OwnershipName)
            ON CONFLICT (account_id, conversation_id) DO UPDATE SET
                inbox_id = EXCLUDED.inbox_id, channel = EXCLUDED.channel, status = EXCLUDED.status,
                assignee_id = EXCLUDED.assignee_id, assignee_type = EXCLUDED.assignee_type, team_id = EXCLUDED.team_id,
                contact_id = EXCLUDED.contact_id, contact_name = EXCLUDED.contact_name, contact_email = EXCLUDED.contact_email,
                contact_phone = EXCLUDED.contact_phone, contact_identifier = EXCLUDED.contact_identifier,
                contact_verified_by = EXCLUDED.contact_verified_by, language = EXCLUDED.language, labels = EXCLUDED.labels,
                can_reply = EXCLUDED.can_reply, reclaimed_assignee_id = EXCLUDED.reclaimed_assignee_id,
                source_updated_at = EXCLUDED.source_updated_at, ownership = EXCLUDED.ownership, updated_at = now()
            """;
        var parameters = new DynamicParameters(state);
        parameters.Add("OwnershipName", state.Ownership.ToString().ToLowerInvariant());
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    }
}
