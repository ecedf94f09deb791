using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Engine.Costs;

/// <summary>Reads what the budgets count from the turns table, and says which one is spent.</summary>
public sealed class BudgetRepository(NpgsqlDataSource dataSource, IOptionsMonitor<BudgetOptions> options, TimeProvider clock)
{
    /// <summary>The budget this conversation's next turn would exceed, or null; no query when no budget is set.</summary>
    public async Task<string?> SpentAsync(long accountId, long conversationId, long? contactId, CancellationToken cancellationToken)
    {
        var budget = options.CurrentValue;
        if (!budget.Limits)
        {
            return null;
        }

        const string sql = """
            SELECT (SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM turns
                    WHERE account_id = @AccountId AND conversation_id = @ConversationId) AS conversation_tokens,
                   (SELECT coalesce(sum(cost), 0) FROM turns WHERE started_at >= @DayStart) AS spent_today,
                   (SELECT coalesce(sum(t.prompt_tokens + t.completion_tokens), 0) FROM turns t
                    JOIN conversations c ON c.account_id = t.account_id AND c.conversation_id = t.conversation_id
                    WHERE @ContactId::bigint IS NOT NULL AND c.account_id = @AccountId AND c.contact_id = @ContactId
                      AND t.started_at >= @DayStart) AS contact_tokens_today
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var usage = await connection.QuerySingleAsync<BudgetUsage>(new CommandDefinition(sql,
            new { AccountId = accountId, ConversationId = conversationId, ContactId = contactId, DayStart = DayStart(budget) }, cancellationToken: cancellationToken));
        return BudgetKind.Spent(usage, budget);
    }

    private DateTimeOffset DayStart(BudgetOptions budget)
    {
        var zone = budget.DayTimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
