using Dapper;
using Npgsql;

namespace Assistant.Operations.Reports;

/// <summary>Reads the report off the turns and transcript tables in one round trip.</summary>
public sealed class ReportRepository(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // One row per conversation with a finished turn in the period: its outcome, its cost, and (for a conversation
    // whose first turn falls in the period) how long its first customer message waited for the bot's first reply.
    private const string ConversationsCte = """
        WITH turns_in AS (
            SELECT * FROM turns
            WHERE started_at >= @Since AND started_at < @Until AND state = 'done' AND outcome IS DISTINCT FROM 'not_owner'),
        per_conversation AS (
            SELECT account_id, conversation_id,
                   (min(started_at) AT TIME ZONE 'UTC')::date AS day,
                   bool_or(outcome = 'handed_off') AS handed_off,
                   bool_or(outcome = 'resolved') AS resolved,
                   bool_or(outcome = 'handed_off' AND after_hours) AS after_hours,
                   sum(prompt_tokens + completion_tokens) AS tokens,
                   sum(cost) AS cost,
                   count(*) FILTER (WHERE mode = 'offline' AND error IS NOT NULL AND budget IS NULL AND model IS NOT NULL) AS failures,
                   count(*) FILTER (WHERE budget IS NOT NULL) AS budget_turns
            FROM turns_in GROUP BY account_id, conversation_id),
        first_replies AS (
            SELECT t.account_id, t.conversation_id,
                   extract(epoch FROM (SELECT min(a.done_at) FROM turn_actions a
                                       WHERE a.turn_id = t.id AND a.kind = 'message' AND a.state = 'done')
                                     - (SELECT min(m.recorded_at) FROM transcript_messages m
                                        WHERE m.account_id = t.account_id AND m.conversation_id = t.conversation_id AND m.role = 'customer'))::float8 AS seconds
            FROM turns_in t
            WHERE t.id = (SELECT min(f.id) FROM turns f WHERE f.account_id = t.account_id AND f.conversation_id = t.conversation_id
                          AND f.outcome IN ('answered', 'handed_off', 'resolved'))),
        rows AS (
            SELECT c.*, r.seconds FROM per_conversation c
            LEFT JOIN first_replies r USING (account_id, conversation_id))
        """;

    private const string Sql = ConversationsCte + """
        SELECT 'total' AS kind, NULL::date AS day, count(*) AS conversations,
               count(*) FILTER (WHERE resolved AND NOT handed_off) AS resolved_by_bot,
               count(*) FILTER (WHERE handed_off) AS handed_off,
               count(*) FILTER (WHERE after_hours) AS after_hours,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS p50,
               percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
               percentile_cont(0.99) WITHIN GROUP (ORDER BY seconds) AS p99,
               coalesce(sum(tokens), 0)::bigint AS tokens, coalesce(sum(cost), 0) AS cost,
               coalesce(sum(failures), 0)::bigint AS failures, coalesce(sum(budget_turns), 0)::bigint AS budget_turns
        FROM rows
        UNION ALL
        SELECT 'day', day, count(*),
               count(*) FILTER (WHERE resolved AND NOT handed_off), count(*) FILTER (WHERE handed_off), count(*) FILTER (WHERE after_hours),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds), percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds), NULL,
               sum(tokens)::bigint, sum(cost), sum(failures)::bigint, sum(budget_turns)::bigint
        FROM rows GROUP BY day
        ORDER BY kind DESC, day;
        SELECT handoff_reason AS reason, count(DISTINCT (account_id, conversation_id)) AS count FROM turns
        WHERE started_at >= @Since AND started_at < @Until AND state = 'done' AND outcome = 'handed_off' AND handoff_reason IS NOT NULL
        GROUP BY handoff_reason ORDER BY count DESC, reason;
        SELECT resolved_by AS resolvedby, count(*) AS responses, avg(rating)::float8 AS average,
               (count(*) FILTER (WHERE rating >= 4))::float8 / count(*) AS satisfied
        FROM csat_responses WHERE recorded_at >= @Since AND recorded_at < @Until
        GROUP BY resolved_by;
        SELECT (proposed_at AT TIME ZONE 'UTC')::date AS day, kind, state AS outcome, count(*) AS count FROM order_actions
        WHERE proposed_at >= @Since AND proposed_at < @Until
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
        """;

    public async Task<Report> ReadAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow();
        var since = until - period;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { Since = since, Until = until }, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<Row>()).ToList();
        var reasons = (await results.ReadAsync<ReasonCount>()).ToList();
        var csat = (await results.ReadAsync<CsatRow>()).ToDictionary(r => r.ResolvedBy, r => new CsatScore(r.Responses, r.Average, r.Satisfied));
        var actions = (await results.ReadAsync<ActionCount>()).ToList();
        var total = rows.First(r => r.Kind == "total");
        var totals = new ReportTotals(total.Conversations, total.ResolvedByBot, total.HandedOff, total.AfterHours,
            new Percentiles(total.P50, total.P90, total.P99), total.Tokens, total.Cost, total.Failures, total.BudgetTurns);
        var days = rows.Where(r => r.Kind == "day").Select(r => new ReportDay(
            r.Day!.Value, r.Conversations, r.ResolvedByBot, r.HandedOff, r.P50, r.P90, r.Tokens, r.Cost, r.Failures)).ToList();
        return new Report(since, until, totals, WithEmptyDays(days, since, until), reasons,
            new CsatSplit(csat.GetValueOrDefault("bot", CsatScore.None), csat.GetValueOrDefault("people", CsatScore.None)), actions);
    }

    /// <summary>Every day of the period, so a quiet day shows as zero instead of vanishing from the charts.</summary>
    private static List<ReportDay> WithEmptyDays(List<ReportDay> days, DateTimeOffset since, DateTimeOffset until)
    {
        var byDay = days.ToDictionary(d => d.Day);
        var all = new List<ReportDay>();
        for (var day = DateOnly.FromDateTime(since.UtcDateTime); day <= DateOnly.FromDateTime(until.UtcDateTime); day = day.AddDays(1))
        {
            all.Add(byDay.GetValueOrDefault(day) ?? new ReportDay(day, 0, 0, 0, null, null, 0, 0, 0));
        }

        return all;
    }

    private sealed record CsatRow(string ResolvedBy, long Responses, double? Average, double? Satisfied);

    private sealed record Row(
        string Kind, DateOnly? Day, long Conversations, long ResolvedByBot, long HandedOff, long AfterHours,
        double? P50, double? P90, double? P99, long Tokens, decimal Cost, long Failures, long BudgetTurns);
}
