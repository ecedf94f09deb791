using Assistant.Engine.Store;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Plugins.Orders;

/// <summary>
/// Counts order look-ups that found nothing the customer may read, per conversation and per contact over a window,
/// in the state database: a customer trying number after number is stopped whatever the turn, the restart or the
/// instance (<see cref="OrderLookupOptions"/>).
/// </summary>
public sealed class OrderLookupLimiter(NpgsqlDataSource dataSource, IOptionsMonitor<OrderLookupOptions> options, TimeProvider clock)
{
    public async Task<LookupAllowance> CheckAsync(long accountId, long conversationId, long? contactId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        const string sql = """
            SELECT count(*) FILTER (WHERE kind = 'miss' AND conversation_id = @ConversationId),
                   count(*) FILTER (WHERE kind = 'miss' AND contact_id = @ContactId),
                   coalesce(bool_or(kind = 'refused' AND conversation_id = @ConversationId), false)
            FROM order_lookup_events
            WHERE account_id = @AccountId AND at > @Since
              AND (conversation_id = @ConversationId OR (@ContactId::bigint IS NOT NULL AND contact_id = @ContactId))
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (conversationMisses, contactMisses, refusedBefore) = await connection.QuerySingleAsync<(long, long, bool)>(new CommandDefinition(sql,
            new { AccountId = accountId, ConversationId = conversationId, ContactId = contactId, Since = clock.GetUtcNow() - settings.MissWindow },
            cancellationToken: cancellationToken));
        var exceeded = conversationMisses >= settings.MaxMissesPerConversation || contactMisses >= settings.MaxMissesPerContact;
        return new LookupAllowance(!exceeded, refusedBefore);
    }

    public Task RecordMissAsync(long accountId, long conversationId, long? contactId, CancellationToken cancellationToken) =>
        RecordAsync(accountId, conversationId, contactId, "miss", cancellationToken);

    public Task RecordRefusalAsync(long accountId, long conversationId, long? contactId, CancellationToken cancellationToken) =>
        RecordAsync(accountId, conversationId, contactId, "refused", cancellationToken);

    private async Task RecordAsync(long accountId, long conversationId, long? contactId, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO order_lookup_events (account_id, conversation_id, contact_id, kind, at) VALUES (@AccountId, @ConversationId, @ContactId, @Kind, @At)",
            new { AccountId = accountId, ConversationId = conversationId, ContactId = contactId, Kind = kind, At = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
    }
}

/// <summary>Whether a look-up may read the store, and whether this conversation was already refused (and handed off) before.</summary>
public sealed record LookupAllowance(bool Allowed, bool RefusedBefore);
