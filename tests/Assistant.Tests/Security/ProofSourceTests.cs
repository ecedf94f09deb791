using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;

namespace Assistant.Tests.Security;

/// <summary>Only the customer's own words prove anything: an address that appears in what the bot, an agent or a note said is no proof.</summary>
public sealed class ProofSourceTests : ConversationTestBase
{
    public static TheoryData<string> NotTheCustomer => ["bot", "agent", "note"];

    [Theory]
    [MemberData(nameof(NotTheCustomer))]
    public async Task Owners_email_written_by_someone_other_than_the_customer_does_not_unlock_the_order(string author)
    {
        // Arrange: Jane's email appears in the conversation, but not in anything the visitor wrote.
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042","email":"jane@example.com"}""").ThenText("Sorry.");
        await StartServerAsync(withLlm: true);
        var line = new MessageWebhookBuilder(42).WithContent("Is your email jane@example.com?").WithConversation(c => c.WithContact(78, "Visitor"));
        await SayAsync(author switch { "bot" => line.FromBot(), "agent" => line.FromAgent(), _ => line.AsPrivateNote() });
        await SettledTurnsAsync();
        if (author == "agent")
        {
            // An agent's reply makes the conversation the people's (the service opens it); they hand it back.
            await Eventually.WaitForAsync(() => Task.FromResult(conversation.Status), status => status == "open", "the conversation to be opened");
            conversation.Status = "pending";
            using var handBack = await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_status_changed")
                .With(c => c.WithStatus("open").WithContact(78, "Visitor").WithUpdatedAt(1781691700)).ToJson());
            using var pending = await Server.Http.PostSignedAsync(new ConversationWebhookBuilder("conversation_status_changed")
                .With(c => c.WithStatus("pending").WithContact(78, "Visitor").WithUpdatedAt(1781691800)).ToJson());
            await SettledTurnsAsync();
        }

        // Act
        await SayAsync(Visitor("Yes. Where is order 1042?"));
        await SettledTurnsAsync();

        // Assert
        var results = OpenAI.Completions[^1].GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("content").GetString()!).ToList();
        var result = Assert.Single(results);
        Assert.Contains("\"found\":false", result, StringComparison.Ordinal);
        Assert.DoesNotContain("Canvas sneakers", result, StringComparison.Ordinal);
    }
}
