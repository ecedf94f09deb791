using Assistant.Engine.Storage;
using Dapper;
using Npgsql;

namespace Assistant.Engine.Conversations;

public sealed class TranscriptRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Records a line, or refreshes its content when Chatwoot reports the message changed.</summary>
    /// <returns>The line's id, once the batch has run.</returns>
    public static SqlRows<long> AddUpsert(SqlBatch batch, TranscriptEntry entry)
    {
        const string sql = """
            INSERT INTO transcript_messages (account_id, conversation_id, message_id, kind, role, content, content_type,
                                             content_attributes, sender_id, in_reply_to, sent_at, attachment_links)
            VALUES (@AccountId, @ConversationId, @MessageId, @Kind, @Role, @Content, @ContentType,
                    @ContentAttributes::jsonb, @SenderId, @InReplyTo, @SentAt, @AttachmentLinks)
            ON CONFLICT ON CONSTRAINT transcript_messages_unique DO UPDATE
            SET content = CASE WHEN transcript_messages.kind = 'message' THEN EXCLUDED.content ELSE transcript_messages.content END,
                content_attributes = CASE WHEN transcript_messages.kind = 'message' THEN EXCLUDED.content_attributes
                                          ELSE transcript_messages.content_attributes END
            RETURNING id
            """;
        return batch.Query<long>(sql, ToRow(entry));
    }

    /// <summary>The newest lines of a conversation, oldest first.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> RecentAsync(long accountId, long conversationId, int limit, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT * FROM (
                SELECT account_id, conversation_id, message_id, kind, role, content, content_type,
                       content_attributes::text AS content_attributes, sender_id, in_reply_to, sent_at, id, attachment_links
                FROM transcript_messages
                WHERE account_id = @AccountId AND conversation_id = @ConversationId
                ORDER BY sent_at DESC, id DESC
                LIMIT @Limit) recent
            ORDER BY sent_at, id
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TranscriptRow>(new CommandDefinition(
            sql, new { AccountId = accountId, ConversationId = conversationId, Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    /// <summary>Lines recorded after <paramref name="afterId"/>, in the order they were recorded.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> AfterAsync(long accountId, long conversationId, long afterId, int limit, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT account_id, conversation_id, message_id, kind, role, content, content_type,
                   content_attributes::text AS content_attributes, sender_id, in_reply_to, sent_at, id, attachment_links
            FROM transcript_messages
            WHERE account_id = @AccountId AND conversation_id = @ConversationId AND id > @AfterId
            ORDER BY id
            LIMIT @Limit
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TranscriptRow>(new CommandDefinition(
            sql, new { AccountId = accountId, ConversationId = conversationId, AfterId = afterId, Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    private static object ToRow(TranscriptEntry e) => new
    {
        e.AccountId,
        e.ConversationId,
        e.MessageId,
        e.Kind,
        Role = RoleName(e.Role),
        e.Content,
        e.ContentType,
        e.ContentAttributes,
        e.SenderId,
        e.InReplyTo,
        e.SentAt,
        AttachmentLinks = (e.AttachmentLinks ?? []).ToArray(),
    };

    private static string RoleName(TranscriptRole role) => role.ToString().ToLowerInvariant();

    private sealed record TranscriptRow(
        long AccountId, long ConversationId, long MessageId, string Kind, string Role, string? Content, string ContentType,
        string ContentAttributes, long? SenderId, long? InReplyTo, DateTimeOffset SentAt, long Id, string[] AttachmentLinks)
    {
        public TranscriptEntry ToEntry() => new(AccountId, ConversationId, MessageId, Kind,
            Enum.Parse<TranscriptRole>(Role, ignoreCase: true), Content, ContentType, ContentAttributes, SenderId, InReplyTo, SentAt, Id, AttachmentLinks);
    }
}
