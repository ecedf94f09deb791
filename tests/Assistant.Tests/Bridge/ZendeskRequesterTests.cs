using Assistant.Tests.Builders;

namespace Assistant.Tests.Bridge;

/// <summary>
/// Zendesk matches users by email as well as external id, so an unproven email would attach the ticket to (and
/// rename) whoever owns that address in Zendesk. Requesters are keyed on the contact's external id.
/// </summary>
public sealed class ZendeskRequesterTests : BridgeTestBase
{
    [Fact]
    public async Task Unverified_contacts_email_is_never_sent_to_zendesk()
    {
        // Arrange: a widget visitor who typed an agent's address into the pre-chat form.
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();

        // Act
        await SayAsync(new MessageWebhookBuilder(42).WithContent("Hello")
            .WithConversation(c => c.WithStatus("open").WithContact(78, "Mallory", email: "admin@acme.test")));
        await SettledTurnsAsync();

        // Assert
        var user = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/users/create_or_update")).Json.GetProperty("user");
        Assert.Equal("chatwoot-contact:1:78", user.GetProperty("external_id").GetString());
        Assert.False(user.TryGetProperty("email", out _));
        Assert.False(user.TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Hmac_verified_contacts_email_is_not_sent_either_as_the_hmac_signs_only_the_identifier()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();

        await SayAsync(VerifiedJane("My parcel is late").WithConversation(c => c.WithStatus("open")));
        await SettledTurnsAsync();

        var user = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/users/create_or_update")).Json.GetProperty("user");
        Assert.False(user.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Email_channel_sender_has_proven_the_address_and_it_is_sent_without_a_role()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();

        await SayAsync(new MessageWebhookBuilder(42).WithContent("Hello")
            .WithConversation(c => c.WithStatus("open").WithChannel("Channel::Email").WithContact(79, "Jane Doe", email: "jane@example.com")));
        await SettledTurnsAsync();

        var user = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/users/create_or_update")).Json.GetProperty("user");
        Assert.Equal("jane@example.com", user.GetProperty("email").GetString());
        Assert.False(user.TryGetProperty("role", out _));
    }

    [Fact]
    public async Task Requester_found_by_external_id_is_used_without_writing_to_it()
    {
        Zendesk.UsersByExternalId["chatwoot-contact:1:79"] = 4242;
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();

        await SayAsync(new MessageWebhookBuilder(42).WithContent("Hello")
            .WithConversation(c => c.WithStatus("open").WithChannel("Channel::Email").WithContact(79, "Jane Doe", email: "jane@example.com")));
        await SettledTurnsAsync();

        Assert.Empty(Zendesk.RequestsTo("POST", "/api/v2/users/create_or_update"));
        var ticket = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/tickets")).Json.GetProperty("ticket");
        Assert.Equal(4242, ticket.GetProperty("requester_id").GetInt64());
    }
}
