using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Assistant.Bridge;

/// <param name="Origin"><c>chatwoot</c>, or <c>zendesk</c> for a ticket that opened the conversation (its customer reads Zendesk).</param>
public sealed record TicketLink(long AccountId, long ConversationId, long TicketId, long RequesterId, long MirroredThrough, string? StatusSynced, string Origin = "chatwoot");

/// <summary>A Zendesk comment the bridge is bringing to Chatwoot; <paramref name="Resumed"/> when an earlier attempt claimed it and did not finish.</summary>
public sealed record CommentClaim(long LedgerId, DateTimeOffset ClaimedAt, bool Resumed);

/// <summary>The bridge's mapping, ledger and update budget.</summary>
public sealed class BridgeRepository(NpgsqlDataSource dataSource)
{
    private const string LinkColumns = "account_id, conversation_id, ticket_id, requester_id, mirrored_through, status_synced, origin";

    public Task<TicketLink?> LinkAsync(long accountId, long conversationId, CancellationToken cancellationToken) =>
        QuerySingleAsync<TicketLink>($"SELECT {LinkColumns} FROM zendesk_tickets WHERE account_id = @AccountId AND conversation_id = @ConversationId",
            new { AccountId = accountId, ConversationId = conversationId }, cancellationToken);

    public Task<TicketLink?> LinkByTicketAsync(long ticketId, CancellationToken cancellationToken) =>
        QuerySingleAsync<TicketLink>($"SELECT {LinkColumns} FROM zendesk_tickets WHERE ticket_id = @TicketId", new { TicketId = ticketId }, cancellationToken);

    /// <summary>Maps a conversation to a ticket, replacing an earlier (closed) ticket.</summary>
    public Task SaveLinkAsync(TicketLink link, CancellationToken cancellationToken) => ExecuteAsync($"""
        INSERT INTO zendesk_tickets ({LinkColumns}) VALUES (@AccountId, @ConversationId, @TicketId, @RequesterId, @MirroredThrough, @StatusSynced, @Origin)
        ON CONFLICT (account_id, conversation_id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id, requester_id = EXCLUDED.requester_id,
            mirrored_through = EXCLUDED.mirrored_through, status_synced = EXCLUDED.status_synced
        """, link, cancellationToken);

    /// <summary>Tickets the bridge wrote to or created since <paramref name="since"/>: where a dropped event would matter.</summary>
    public async Task<IReadOnlyList<TicketLink>> RecentlyActiveAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<TicketLink>(new CommandDefinition($"""
            SELECT {LinkColumns} FROM zendesk_tickets t
            WHERE t.created_at > @Since OR EXISTS (SELECT 1 FROM zendesk_updates u WHERE u.ticket_id = t.ticket_id AND u.updated_at > @Since)
            ORDER BY t.created_at DESC LIMIT @Limit
            """, new { Since = since, Limit = limit }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Which of these Zendesk comments the ledger knows (created by the bridge, or already brought to Chatwoot).</summary>
    public async Task<HashSet<long>> KnownCommentsAsync(IReadOnlyCollection<long> commentIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT zendesk_comment_id FROM zendesk_ledger WHERE zendesk_comment_id = ANY(@Ids)",
            new { Ids = commentIds.ToArray() }, cancellationToken: cancellationToken))).ToHashSet();
    }

    public Task MarkMirroredAsync(long ticketId, long through, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE zendesk_tickets SET mirrored_through = greatest(mirrored_through, @Through) WHERE ticket_id = @TicketId",
            new { TicketId = ticketId, Through = through }, cancellationToken);

    public Task SetStatusSyncedAsync(long ticketId, string status, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE zendesk_tickets SET status_synced = @Status WHERE ticket_id = @TicketId", new { TicketId = ticketId, Status = status }, cancellationToken);

    /// <summary>Records what the bridge is about to create, before the call: an echo arriving first is still recognised.</summary>
    public async Task<long> RecordPendingAsync(string direction, long ticketId, string content, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO zendesk_ledger (direction, ticket_id, content_hash) VALUES (@Direction, @TicketId, @Hash) RETURNING id",
            new { Direction = direction, TicketId = ticketId, Hash = Hash(content) }, cancellationToken: cancellationToken));
    }

    public Task RecordDoneAsync(long ledgerId, long? zendeskCommentId, long? chatwootMessageId, CancellationToken cancellationToken) => ExecuteAsync("""
        UPDATE zendesk_ledger SET state = 'done', zendesk_comment_id = @ZendeskCommentId, chatwoot_message_id = @ChatwootMessageId WHERE id = @Id
        """, new { Id = ledgerId, ZendeskCommentId = zendeskCommentId, ChatwootMessageId = chatwootMessageId }, cancellationToken);

    /// <summary>An earlier attempt to write this content to the ticket that never confirmed (Zendesk failed mid-request).</summary>
    public async Task<long?> UnconfirmedAttemptAsync(long ticketId, string content, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT id FROM zendesk_ledger WHERE direction = 'to_zendesk' AND ticket_id = @TicketId AND state = 'pending' AND content_hash = @Hash
            ORDER BY id LIMIT 1
            """, new { TicketId = ticketId, Hash = Hash(content) }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Claims a Zendesk comment for bringing to Chatwoot. Null when the bridge created it or already brought it; an
    /// earlier attempt's claim that never completed is handed back <see cref="CommentClaim.Resumed"/>, so a failure
    /// between the claim and the write delays the comment instead of losing it. One ticket's events run one at a time.
    /// </summary>
    public async Task<CommentClaim?> ClaimIncomingCommentAsync(long ticketId, long commentId, string content, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CommentClaim>(new CommandDefinition("""
            WITH claimed AS (
                INSERT INTO zendesk_ledger (direction, ticket_id, zendesk_comment_id, content_hash)
                VALUES ('to_chatwoot', @TicketId, @CommentId, @Hash)
                ON CONFLICT (zendesk_comment_id) DO NOTHING
                RETURNING id, created_at)
            SELECT id AS LedgerId, created_at AS ClaimedAt, false AS Resumed FROM claimed
            UNION ALL
            SELECT id, created_at, true FROM zendesk_ledger
            WHERE zendesk_comment_id = @CommentId AND direction = 'to_chatwoot' AND state = 'pending' AND NOT EXISTS (SELECT 1 FROM claimed)
            """, new { TicketId = ticketId, CommentId = commentId, Hash = Hash(content) }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Whether a ticket that started in Zendesk is opening a conversation with one of these texts right now: a
    /// comment claimed for Chatwoot, not yet done, on a ticket not linked yet. The mirror then waits for the link
    /// instead of opening a second ticket for that conversation.
    /// </summary>
    public async Task<bool> IsOpeningAsync(IReadOnlyCollection<string> contents, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM zendesk_ledger l
                           WHERE l.direction = 'to_chatwoot' AND l.state = 'pending' AND l.content_hash = ANY(@Hashes)
                             AND l.created_at > now() - interval '10 minutes'
                             AND NOT EXISTS (SELECT 1 FROM zendesk_tickets t WHERE t.ticket_id = l.ticket_id))
            """, new { Hashes = contents.Select(Hash).ToArray() }, cancellationToken: cancellationToken));
    }

    /// <summary>Whether the bridge wrote this comment to Zendesk (by id, or by content while its call was still in flight).</summary>
    public async Task<bool> IsOwnCommentAsync(long ticketId, long commentId, string content, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM zendesk_ledger WHERE direction = 'to_zendesk'
                           AND (zendesk_comment_id = @CommentId OR (ticket_id = @TicketId AND state = 'pending' AND content_hash = @Hash)))
            """, new { TicketId = ticketId, CommentId = commentId, Hash = Hash(content) }, cancellationToken: cancellationToken));
    }

    /// <summary>Chatwoot message ids the bridge itself created from Zendesk comments: never mirrored back.</summary>
    public async Task<HashSet<long>> BridgedMessagesAsync(IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT chatwoot_message_id FROM zendesk_ledger WHERE direction = 'to_chatwoot' AND chatwoot_message_id = ANY(@Ids)",
            new { Ids = messageIds.ToArray() }, cancellationToken: cancellationToken))).ToHashSet();
    }

    /// <summary>Incoming comments' content whose Chatwoot message id is not known (in flight, or a conversation's first message), to recognise their echo.</summary>
    public async Task<HashSet<string>> PendingIncomingHashesAsync(long ticketId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT content_hash FROM zendesk_ledger WHERE direction = 'to_chatwoot' AND ticket_id = @TicketId AND (state = 'pending' OR chatwoot_message_id IS NULL)",
            new { TicketId = ticketId }, cancellationToken: cancellationToken))).ToHashSet();
    }

    public async Task<int> RecentUpdatesAsync(long ticketId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM zendesk_updates WHERE ticket_id = @TicketId AND updated_at > @Since",
            new { TicketId = ticketId, Since = since }, cancellationToken: cancellationToken));
    }

    public Task RecordUpdateAsync(long ticketId, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO zendesk_updates (ticket_id) VALUES (@TicketId)", new { TicketId = ticketId }, cancellationToken);

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.Trim())))[..32];

    private async Task<T?> QuerySingleAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
