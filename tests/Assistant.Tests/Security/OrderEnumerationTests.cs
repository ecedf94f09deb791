using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Dapper;

namespace Assistant.Tests.Security;

/// <summary>
/// A customer cannot try order numbers one after another: misses are counted per conversation and per contact over a
/// window, in the database, so neither a new turn, a new conversation nor a restart resets them. Past the limit
/// look-ups are refused unread and the conversation is handed off, once. An address several shop customers share
/// proves none of them.
/// </summary>
public sealed class OrderEnumerationTests : ConversationTestBase
{
    [Fact]
    public async Task Numbers_tried_one_per_message_are_refused_unread_past_the_limit_and_handed_off_once()
    {
        // Arrange
        var conversation = Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s => s["Orders:MaxMissesPerConversation"] = "2");

        // Act: two misses, then Jane's real order with her real email.
        await SayAndSettleAsync(Visitor("where is order 9001? my email is jane@example.com"));
        await SayAndSettleAsync(Visitor("where is order 9002? my email is jane@example.com"));
        await SayAndSettleAsync(Visitor("where is order 1042? my email is jane@example.com"));

        // Assert: the third look-up was never read, and the team has the conversation.
        Assert.DoesNotContain(Posted(), m => m.GetProperty("content").GetString()!.Contains("Order #1042", StringComparison.Ordinal));
        Assert.Equal("open", conversation.Status);
        Assert.Contains("handoff:lookup_limit", conversation.Labels);

        // Act: a person hands the conversation back, and the customer tries again.
        conversation.Status = "pending";
        await SayAndSettleAsync(Visitor("where is order 1042? my email is jane@example.com"));

        // Assert: still refused, and no second handoff.
        Assert.DoesNotContain(Posted(), m => m.GetProperty("content").GetString()!.Contains("Order #1042", StringComparison.Ordinal));
        Assert.Single(Posted(), m => m.GetProperty("private").GetBoolean());
        Assert.Equal("pending", conversation.Status);
    }

    [Fact]
    public async Task Misses_of_one_contact_count_across_conversations_and_restarts()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        Chatwoot.AddConversation(1, 43);
        static void Limits(Dictionary<string, string?> s) => (s["Orders:MaxMissesPerConversation"], s["Orders:MaxMissesPerContact"]) = ("10", "2");
        await StartServerAsync(withLlm: false, Limits);
        await SayAndSettleAsync(Visitor("where is order 9001? my email is jane@example.com", conversationId: 42));
        await SayAndSettleAsync(Visitor("where is order 9002? my email is jane@example.com", conversationId: 42));

        // Act: the same contact, another conversation, another instance of the service.
        await Server.StopAsync();
        await StartServerAsync(withLlm: false, Limits);
        await SayAndSettleAsync(Visitor("where is order 1042? my email is jane@example.com", conversationId: 43), conversationId: 43);

        // Assert
        Assert.DoesNotContain(Posted(43), m => m.GetProperty("content").GetString()!.Contains("Order #1042", StringComparison.Ordinal));
        Assert.Contains("handoff:lookup_limit", Chatwoot.Conversations[(1, 43)].Labels);
    }

    [Fact]
    public async Task Email_on_two_shop_customers_proves_neither_of_their_orders()
    {
        // Arrange: a second shop customer record carries Jane's address (a shared office mailbox, a placeholder).
        await AddCustomerAsync(90, "Front desk", "jane@example.com", "+4930123456789");
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        // Act
        await SayAndSettleAsync(Visitor("where is order 1042? my email is jane@example.com"));

        // Assert
        Assert.StartsWith("I couldn't find order #1042", Posted()[^1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatsApp_number_on_two_shop_customers_lists_neither_of_their_orders()
    {
        await AddCustomerAsync(90, "Jane's old account", "old@example.com", "+4915112345678");
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        await SayAndSettleAsync(new MessageWebhookBuilder(42).WithContent("show my orders")
            .WithConversation(c => c.WithChannel("Channel::Whatsapp").WithContact(77, "Jane Doe", phone: "+4915112345678")));

        Assert.DoesNotContain("1042", Posted()[^1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    private async Task SayAndSettleAsync(MessageWebhookBuilder message, long conversationId = 42)
    {
        await SayAsync(message);
        await SettledTurnsAsync(conversationId);
    }

    private async Task AddCustomerAsync(long id, string name, string email, string phone)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        await connection.ExecuteAsync("INSERT INTO shop.customers (id, name, email, phone) VALUES (@id, @name, @email, @phone)", new { id, name, email, phone });
    }
}
