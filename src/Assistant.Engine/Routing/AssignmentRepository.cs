using Dapper;
using Npgsql;

namespace Assistant.Engine.Routing;

/// <summary>Handoff assignments and each team's round-robin position, shared by every instance through the database.</summary>
internal sealed class AssignmentRepository(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>
    /// The candidate after the team's last pick (the first when none is after it), recorded as the new last pick in the
    /// same statement: the row lock serialises concurrent handoffs to one team, so two never take the same turn.
    /// </summary>
    public async Task<long> NextInRotationAsync(long accountId, long teamId, IReadOnlyList<long> candidates, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO handoff_rotation (account_id, team_id, last_agent_id)
            VALUES (@AccountId, @TeamId, (SELECT min(id) FROM unnest(@Candidates) id))
            ON CONFLICT (account_id, team_id) DO UPDATE SET last_agent_id = coalesce(
                (SELECT min(id) FROM unnest(@Candidates) id WHERE id > handoff_rotation.last_agent_id),
                (SELECT min(id) FROM unnest(@Candidates) id))
            RETURNING last_agent_id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql,
            new { AccountId = accountId, TeamId = teamId, Candidates = candidates.ToArray() }, cancellationToken: cancellationToken));
    }

    /// <summary>The agent this contact's last handoff was assigned to, if it was within <paramref name="within"/>.</summary>
    public async Task<long?> RecentAgentAsync(long accountId, long contactId, TimeSpan within, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT agent_id FROM handoff_assignments
            WHERE account_id = @AccountId AND contact_id = @ContactId AND state = 'assigned' AND updated_at >= @Since
            ORDER BY updated_at DESC LIMIT 1
            """, new { AccountId = accountId, ContactId = contactId, Since = clock.GetUtcNow() - within }, cancellationToken: cancellationToken));
    }

    public async Task PlanAsync(long accountId, long conversationId, long? contactId, long? teamId, long agentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO handoff_assignments (account_id, conversation_id, contact_id, team_id, agent_id, state, attempts, updated_at)
            VALUES (@AccountId, @ConversationId, @ContactId, @TeamId, @AgentId, 'planned', 0, @Now)
            ON CONFLICT (account_id, conversation_id) DO UPDATE SET contact_id = excluded.contact_id, team_id = excluded.team_id,
                agent_id = excluded.agent_id, state = 'planned', attempts = 0, updated_at = excluded.updated_at
            """, new { AccountId = accountId, ConversationId = conversationId, ContactId = contactId, TeamId = teamId, AgentId = agentId, Now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Records how an assignment step ended: <c>assigned</c>, or <c>failed</c> (counting the attempt).</summary>
    public async Task MarkAsync(long accountId, long conversationId, long agentId, string state, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE handoff_assignments SET agent_id = @AgentId, state = @State, updated_at = @Now,
                attempts = attempts + CASE WHEN @State = 'failed' THEN 1 ELSE 0 END
            WHERE account_id = @AccountId AND conversation_id = @ConversationId
            """, new { AccountId = accountId, ConversationId = conversationId, AgentId = agentId, State = state, Now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    /// <summary>An assignment Chatwoot refused, waiting for a retry: its team and how often it failed.</summary>
    public async Task<FailedAssignment?> FailedAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<FailedAssignment>(new CommandDefinition("""
            SELECT contact_id, team_id, agent_id, attempts FROM handoff_assignments
            WHERE account_id = @AccountId AND conversation_id = @ConversationId AND state = 'failed'
            """, new { AccountId = accountId, ConversationId = conversationId }, cancellationToken: cancellationToken));
    }

    public async Task GiveUpAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE handoff_assignments SET state = 'given_up', updated_at = now() WHERE account_id = @AccountId AND conversation_id = @ConversationId",
            new { AccountId = accountId, ConversationId = conversationId }, cancellationToken: cancellationToken));
    }
}

internal sealed record FailedAssignment(long? ContactId, long? TeamId, long AgentId, int Attempts);
