using System.Text.Json;
using Assistant.Engine.Store;
using Dapper;
using Npgsql;

namespace Assistant.Plugins.Actions;

/// <summary>A proposed order action as stored (<c>order_actions</c>): its state is the only thing that moves it on.</summary>
public sealed record OrderActionRow(
    Guid Id, long AccountId, long ConversationId, string Kind, string OrderNumber, long CustomerId, string Details, string Mode, string State,
    string? Reason, string? StoreStatus, DateTimeOffset ProposedAt, DateTimeOffset ExpiresAt)
{
    public ActionDetails Facts => JsonSerializer.Deserialize(Details, ActionJsonContext.Default.ActionDetails)!;
}

/// <summary>What the proposal fixed: the write carries exactly this, whatever the model says afterwards.</summary>
/// <param name="ContactId">The Chatwoot contact that proposed it: a merge or a changed contact confirms nothing.</param>
/// <param name="Total">As the customer was shown it; <paramref name="Amount"/> is the same for <c>Actions__AutoMaxTotal</c>.</param>
public sealed record ActionDetails(
    string Total, decimal Amount, string? Reason, ShippingAddress? Address, IReadOnlyList<ShopOrderItem> Items, long? ContactId, string Language);

/// <summary>An <c>order_actions.state</c>. Only the first four are not yet ended.</summary>
public static class ActionStates
{
    public const string AwaitingConfirmation = "awaiting_confirmation";
    public const string AwaitingApproval = "awaiting_approval";
    public const string Executing = "executing";
    public const string Executed = "executed";
    public const string Declined = "declined";
    public const string Abandoned = "abandoned";
    public const string Expired = "expired";
    public const string Rejected = "rejected";
    public const string Refused = "refused";
    public const string Failed = "failed";
    public const string Superseded = "superseded";
}

public sealed class OrderActionRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, account_id, conversation_id, kind, order_number, customer_id, details::text AS details, mode, state, reason, store_status,
        proposed_at, expires_at
        """;

    /// <summary>Stores a proposal awaiting the customer's confirmation; any earlier one of the conversation still awaiting it is superseded.</summary>
    public async Task ProposeAsync(OrderActionRow row, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH superseded AS (
                UPDATE order_actions SET state = 'superseded', ended_at = now()
                WHERE account_id = @AccountId AND conversation_id = @ConversationId AND state = 'awaiting_confirmation')
            INSERT INTO order_actions (id, account_id, conversation_id, kind, order_number, customer_id, details, mode, state, reason, proposed_at, expires_at, ended_at)
            VALUES (@Id, @AccountId, @ConversationId, @Kind, @OrderNumber, @CustomerId, @Details::jsonb, @Mode, @State, @Reason, @ProposedAt, @ExpiresAt,
                    CASE WHEN @State = 'awaiting_confirmation' THEN NULL ELSE now() END)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, row, cancellationToken: cancellationToken));
    }

    /// <summary>The conversation's newest action that was put to the customer, whatever its state; with <paramref name="withRefused"/> also one refused outright.</summary>
    public async Task<OrderActionRow?> LatestAsync(long accountId, long conversationId, CancellationToken cancellationToken, bool withRefused = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OrderActionRow>(new CommandDefinition($"""
            SELECT {Columns} FROM order_actions
            WHERE account_id = @AccountId AND conversation_id = @ConversationId AND (@WithRefused OR confirmed_at IS NOT NULL OR state <> 'refused')
            ORDER BY proposed_at DESC LIMIT 1
            """, new { AccountId = accountId, ConversationId = conversationId, WithRefused = withRefused }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Moves the action from one of <paramref name="from"/> to <paramref name="to"/>, stamping the step; false when it
    /// was no longer in one of them (another click, another instance got there first): only one caller ever moves it.
    /// </summary>
    public async Task<bool> MoveAsync(
        Guid id, string[] from, string to, CancellationToken cancellationToken, string? reason = null, string? storeStatus = null, DateTimeOffset? expiresAt = null)
    {
        const string sql = """
            UPDATE order_actions SET
                state = @To,
                reason = COALESCE(@Reason, reason),
                store_status = COALESCE(@StoreStatus, store_status),
                expires_at = COALESCE(@ExpiresAt, expires_at),
                confirmed_at = CASE WHEN state = 'awaiting_confirmation' AND @To IN ('awaiting_approval', 'executing') THEN now() ELSE confirmed_at END,
                approved_at = CASE WHEN state = 'awaiting_approval' AND @To = 'executing' THEN now() ELSE approved_at END,
                executed_at = CASE WHEN @To = 'executed' THEN now() ELSE executed_at END,
                read_back_at = CASE WHEN @StoreStatus IS NOT NULL THEN now() ELSE read_back_at END,
                ended_at = CASE WHEN @To IN ('awaiting_confirmation', 'awaiting_approval', 'executing') THEN NULL ELSE now() END
            WHERE id = @Id AND state = ANY(@From)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql,
            new { Id = id, From = from, To = to, Reason = reason, StoreStatus = storeStatus, ExpiresAt = expiresAt }, cancellationToken: cancellationToken)) == 1;
    }
}
