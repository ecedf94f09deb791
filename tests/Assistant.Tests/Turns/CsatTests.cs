using Assistant.Operations.Reports;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Turns;

/// <summary>
/// CSAT ratings come back as <c>message_updated</c> of the survey message; each is kept with who had resolved the
/// conversation, and the report sets the bot's satisfaction beside the people's.
/// </summary>
public sealed class CsatTests : ConversationTestBase
{
    [Fact]
    public async Task Ratings_are_reported_for_bot_resolved_and_handed_off_conversations_side_by_side()
    {
        // Arrange: the bot resolves one conversation, hands off another that people then resolve.
        Chatwoot.AddConversation(1, 42);
        Chatwoot.AddConversation(1, 43);
        await StartServerAsync(withLlm: false, s => s["Assistant:Csat"] = "always");
        await SayAsync(VerifiedJane("Thanks, bye!"));
        await SayAsync(VerifiedJane("I want to talk to a human please", conversationId: 43));
        await SettledTurnsAsync();

        // Act: one rating on the bot's survey, a changed mind on it, and one on Chatwoot's survey after people resolved.
        await SayAsync(new MessageWebhookBuilder(42).WithId(9001).AsCsatRating(3));
        await SayAsync(new MessageWebhookBuilder(42).WithId(9001).AsCsatRating(5, "Quick and clear"));
        await SayAsync(new MessageWebhookBuilder(43).WithId(9002).AsCsatRating(2, "Waited too long", fromChatwoot: true));
        await SettledTurnsAsync();
        var report = await Server.Services.GetRequiredService<ReportRepository>().ReadAsync(TimeSpan.FromDays(1), Token);

        // Assert
        Assert.Equal(new CsatScore(1, 5.0, 1.0), report.Csat.ResolvedByBot);
        Assert.Equal(new CsatScore(1, 2.0, 0.0), report.Csat.HandedOff);
        var text = ReportText.Render(report);
        Assert.Contains("CSAT, bot resolved      5.0 of 5, 100% satisfied (1 rating)", text, StringComparison.Ordinal);
        Assert.Contains("CSAT, handed off        2.0 of 5, 0% satisfied (1 rating)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rating_neither_starts_a_turn_nor_counts_as_a_persons_reply()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAsync(new MessageWebhookBuilder(42).WithId(9001).AsCsatRating(4, fromChatwoot: true));
        var turns = await SettledTurnsAsync();

        Assert.Empty(turns);
        Assert.Empty(Posted());
        Assert.Equal("pending", conversation.Status);
        Assert.Equal(Assistant.Engine.Conversations.Ownership.Bot, (await Database.ConversationAsync(1, 42))!.Ownership);
    }
}
