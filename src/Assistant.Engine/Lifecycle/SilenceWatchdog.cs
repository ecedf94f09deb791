using Assistant.Engine.Conversations;
using Assistant.Engine.Turns;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Assistant.Engine.Lifecycle;

/// <summary>
/// <c>Assistant__SilenceLimit</c>: a customer message that got neither an answer nor a handoff in time (an
/// overloaded instance, a turn stuck on a slow model or a failing store) is handed to a person with an apology, so a
/// customer never waits in silence. A turn that finishes later finds the conversation the people's and stays quiet.
/// </summary>
internal sealed partial class SilenceWatchdog(
    NpgsqlDataSource dataSource, ConversationRepository conversations, LastResortHandoff lastResort, ILogger<SilenceWatchdog> logger)
{
    public async Task CheckAsync(TurnDue due, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetAsync(due.AccountId, due.ConversationId, cancellationToken);
        if (conversation is not { Ownership: Ownership.Bot } || await AnsweredAsync(due, cancellationToken))
        {
            return;
        }

        Log.Silent(logger, due.AccountId, due.ConversationId);
        await lastResort.HandOffAsync(conversation, await InReplyToAsync(due, cancellationToken),
            "No answer or handoff reached the customer within Assistant__SilenceLimit; the customer was told a colleague will reply.");
    }

    /// <summary>Whether a turn that took on this input (or a later one) has finished, having said or done something.</summary>
    private async Task<bool> AnsweredAsync(TurnDue due, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM turns
                           WHERE account_id = @AccountId AND conversation_id = @ConversationId AND last_input_id >= @InputId
                             AND state IN ('done', 'skipped'))
            """, due, cancellationToken: cancellationToken));
    }

    private async Task<long?> InReplyToAsync(TurnDue due, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT message_id FROM transcript_messages WHERE id = @InputId", due, cancellationToken: cancellationToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 770, Level = LogLevel.Warning, Message = "A customer message in {AccountId}/{ConversationId} got no answer within the silence limit; handing the conversation to a person.")]
        public static partial void Silent(ILogger logger, long accountId, long conversationId);
    }
}
