using System.Text.Json;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Storage;
using Assistant.Transport;

namespace Assistant.Engine.Lifecycle;

/// <summary>A rating a customer gave in Chatwoot's CSAT survey.</summary>
internal sealed record CsatResponse(long MessageId, int Rating, string? Feedback)
{
    private const int MaxFeedback = 2000;

    /// <summary>
    /// The rating a <c>message_updated</c> of an <c>input_csat</c> message carries
    /// (<c>content_attributes.submitted_values.csat_survey_response</c>, from the widget or Chatwoot's survey page);
    /// null for any other event or a rating outside 1 to 5.
    /// </summary>
    public static CsatResponse? From(MessageEvent messageEvent)
    {
        var message = messageEvent.Message;
        if (messageEvent.EventName != ChatwootEvents.MessageUpdated || message.ContentType != "input_csat"
            || message.ContentAttributes.Path("submitted_values", "csat_survey_response") is not { ValueKind: JsonValueKind.Object } response
            || response.Property("rating").Int64() is not { } rating || rating is < 1 or > 5)
        {
            return null;
        }

        var feedback = response.Property("feedback_message").String()?.Trim();
        return new CsatResponse(message.Id, (int)rating, string.IsNullOrEmpty(feedback) ? null : feedback[..Math.Min(feedback.Length, MaxFeedback)]);
    }
}

/// <summary>Stores CSAT ratings with who had resolved the conversation: the bot, unless its newest handoff or resolve was a handoff.</summary>
internal static class CsatResponses
{
    public static void AddRecord(SqlBatch batch, long accountId, long conversationId, CsatResponse response) =>
        batch.Execute("""
            INSERT INTO csat_responses (account_id, message_id, conversation_id, rating, feedback, resolved_by)
            VALUES (@AccountId, @MessageId, @ConversationId, @Rating, @Feedback,
                    coalesce((SELECT CASE outcome WHEN 'resolved' THEN 'bot' ELSE 'people' END FROM turns
                              WHERE account_id = @AccountId AND conversation_id = @ConversationId AND outcome IN ('resolved', 'handed_off')
                              ORDER BY id DESC LIMIT 1), 'people'))
            ON CONFLICT (account_id, message_id) DO UPDATE SET rating = EXCLUDED.rating, feedback = EXCLUDED.feedback, recorded_at = now()
            """, new { AccountId = accountId, ConversationId = conversationId, response.MessageId, Rating = (short)response.Rating, response.Feedback });
}
