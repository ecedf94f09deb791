using Assistant.Chatwoot.Api;
using Microsoft.Extensions.Logging;

namespace Assistant.Engine.Turns;

/// <summary>Chatwoot's typing indicator: a courtesy, never worth failing or delaying a turn over.</summary>
internal sealed partial class TypingIndicator(ChatwootClient chatwoot, ILogger<TypingIndicator> logger)
{
    public async Task TryAsync(long accountId, long conversationId, bool on, CancellationToken cancellationToken)
    {
        try
        {
            await chatwoot.ToggleTypingAsync(accountId, conversationId, on, cancellationToken);
        }
        catch (ChatwootApiException ex)
        {
            Log.TypingFailed(logger, ex, accountId, conversationId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 713, Level = LogLevel.Warning, Message = "Could not toggle typing in {AccountId}/{ConversationId}.")]
        public static partial void TypingFailed(ILogger logger, Exception exception, long accountId, long conversationId);
    }
}
