using System.Text;
using Assistant.Bridge;
using Assistant.Engine.Conversations;
using Assistant.Zendesk;

namespace Assistant.Tests.Bridge;

public sealed class BridgeUnitTests
{
    [Fact]
    public void Zendesk_signature_uses_the_secret_bytes_as_they_are()
    {
        // The vector in reference/zendesk.md §1c, computed with the documented algorithm.
        var signature = ZendeskWebhookAuthenticator.Sign("dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==", "2021-03-25T05:09:27Z",
            Encoding.UTF8.GetBytes("""{"event":"ticket.updated","id":123}"""));

        Assert.Equal("S/RDdU2ERmj7LHDDoWJ2onPYH+t7/f2+LTM4dL7UiLM=", signature);
    }

    [Theory]
    [InlineData("2021-03-25T05:09:27Z", true)]
    [InlineData("2021-03-25T05:03:00Z", false)]
    public void Zendesk_signature_is_valid_only_within_the_time_window(string timestamp, bool valid)
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var signature = ZendeskWebhookAuthenticator.Sign("secret", timestamp, body);
        var now = new DateTimeOffset(2021, 3, 25, 5, 10, 0, TimeSpan.Zero);

        Assert.Equal(valid, ZendeskWebhookAuthenticator.Verify("secret", body, timestamp, signature, now, TimeSpan.FromMinutes(5)));
        Assert.False(ZendeskWebhookAuthenticator.Verify("other", body, timestamp, signature, now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Comment_text_is_cleaned_of_escaped_newlines_separators_and_blank_runs()
    {
        var cleaned = CommentCleaner.Clean("Hi Jane,\\n\\n\\n\\nYour order shipped.\n\n\n-----------\nAnna\n____\n");

        Assert.Equal("Hi Jane,\n\nYour order shipped.\n\nAnna", cleaned);
    }

    [Fact]
    public void Lines_become_runs_by_author_and_visibility()
    {
        var lines = new[]
        {
            Line(1, TranscriptRole.Customer, "a"), Line(2, TranscriptRole.Customer, "b"), Line(3, TranscriptRole.Bot, "c"),
            Line(4, TranscriptRole.Note, "d"), Line(5, TranscriptRole.Customer, "e"),
        };

        var runs = CommentRun.Group(lines, repliesPublic: false);

        Assert.Equal([(true, true, "a\n\nb"), (false, false, "[Assistant] c\n\n[Private note] d"), (true, true, "e")], runs.Select(r => (r.Public, r.ByCustomer, r.Body())));
        Assert.Equal("[Customer] a\n\n[Customer] b\n\n[Assistant] c\n\n[Private note] d\n\n[Customer] e", CommentRun.Transcript(runs));
    }

    [Fact]
    public void Public_replies_configuration_separates_replies_from_notes()
    {
        var runs = CommentRun.Group([Line(1, TranscriptRole.Bot, "c"), Line(2, TranscriptRole.Note, "d")], repliesPublic: true);

        Assert.Equal([true, false], runs.Select(r => r.Public));
    }

    private static TranscriptEntry Line(long id, TranscriptRole role, string content) =>
        new(1, 42, id, TranscriptEntry.MessageKind, role, content, "text", "{}", null, null, DateTimeOffset.UnixEpoch, id);
}
