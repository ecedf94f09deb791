using Assistant.Tests.Builders;

namespace Assistant.Tests.Turns;

/// <summary>A voice note's transcript arrives after the note itself (Chatwoot adds it with a message_updated): the turn waits for it.</summary>
public sealed class VoiceNoteTests : ConversationTestBase
{
    [Fact]
    public async Task A_voice_note_is_answered_by_what_was_said_once_its_transcript_arrives()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);
        var note = VerifiedJane(null!).WithId(4901).WithContent(null).WithAttachments(MessageWebhookBuilder.Attachment("audio", "https://chat.example.com/voice.ogg"));

        // Act: the note, then its transcript a second later.
        await SayAsync(note);
        await Task.Delay(1000, Token);
        await SayAsync(VerifiedJane(null!).WithId(4901).WithContent(null).AsUpdate()
            .WithAttachments(MessageWebhookBuilder.Attachment("audio", "https://chat.example.com/voice.ogg", transcript: "where is order 1042")));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered"], turns);
        Assert.Contains(Posted(), m => m.GetRawText().Contains("Order #1042", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_voice_note_whose_transcript_never_comes_is_answered_after_the_wait()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s => s["Assistant:VoiceTranscriptWait"] = "00:00:01");

        await SayAsync(VerifiedJane(null!).WithContent(null).WithAttachments(MessageWebhookBuilder.Attachment("audio", "https://chat.example.com/voice.ogg")));
        var turns = await SettledTurnsAsync();

        Assert.Single(turns);
        Assert.NotEmpty(Posted());
    }
}
