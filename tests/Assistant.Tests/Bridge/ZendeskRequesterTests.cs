using Assistant.Tests.Builders;

namespace Assistant.Tests.Bridge;

/// <summary>
/// Zendesk matches users by email as well as external id, so an unproven email would attach the ticket to (and
/// rename) whoever owns that address in Zendesk. Requesters are keyed on the contact's external id, and are only ever
/// created: an existing Zendesk user is never written to.
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
        var user = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/users")).Json.GetProperty("user");
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

        var user = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/users")).Json.GetProperty("user");
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

        var user = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/users")).Json.GetProperty("user");
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

        Assert.Empty(Zendesk.RequestsTo("POST", "/api/v2/users"));
        var ticket = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/tickets")).Json.GetProperty("ticket");
        Assert.Equal(4242, ticket.GetProperty("requester_id").GetInt64());
    }

    [Fact]
    public async Task Email_already_held_by_a_zendesk_user_is_left_to_them_and_the_requester_is_created_without_it()
    {
        // Arrange: the address belongs to an agent; the email channel's From header is all that "proves" it here.
        Zendesk.UsersByEmail["jane@example.com"] = 77;
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();

        // Act
        await SayAsync(new MessageWebhookBuilder(42).WithContent("Hello")
            .WithConversation(c => c.WithStatus("open").WithChannel("Channel::Email").WithContact(79, "Jane Doe", email: "jane@example.com")));
        await SettledTurnsAsync();

        // Assert: one refused create with the email, one create without it; nothing written to user 77.
        var creates = Zendesk.RequestsTo("POST", "/api/v2/users").Select(r => r.Json.GetProperty("user")).ToList();
        Assert.Equal(2, creates.Count);
        Assert.Equal("jane@example.com", creates[0].GetProperty("email").GetString());
        Assert.False(creates[1].TryGetProperty("email", out _));
        Assert.DoesNotContain(Zendesk.Requests, r => r.Path.StartsWith("/api/v2/users/", StringComparison.Ordinal) && r.Method is "PUT" or "POST");
        var ticket = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/tickets")).Json.GetProperty("ticket");
        Assert.NotEqual(77, ticket.GetProperty("requester_id").GetInt64());
    }

    [Fact]
    public async Task Email_contact_merged_into_another_persons_contact_sends_only_the_address_the_channel_received_from()
    {
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();

        await SayAsync(new MessageWebhookBuilder(42).WithContent("Hello")
            .WithConversation(c => c.WithStatus("open").WithChannel("Channel::Email").WithContact(79, "Jane Doe", email: "jane@example.com").WithSourceId("mallory@example.net")));
        await SettledTurnsAsync();

        var user = Assert.Single(Zendesk.RequestsTo("POST", "/api/v2/users")).Json.GetProperty("user");
        Assert.Equal("mallory@example.net", user.GetProperty("email").GetString());
    }
}
