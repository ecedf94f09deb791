using Assistant.Engine.Identity;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Security;

/// <summary>
/// Who a customer is proven to be comes from what Chatwoot cannot be talked into (reference/chatwoot.md §6): the
/// address a channel received from, identity validation only where the operator trusts it and the inbox enforces it,
/// or a token the store's own site signed. A widget visitor can set their contact's email, phone and identifier, and
/// Chatwoot then merges their contact into whoever already has them.
/// </summary>
public sealed class IdentityTests : ConversationTestBase
{
    private const string IdentitySecret = KnownSecrets.StoreIdentitySecret;
    private const string JanesPhone = "+4915112345678";
    private const string MalloryWhatsApp = "4917099887766";

    [Fact]
    public async Task WhatsApp_contact_merged_into_another_customers_contact_does_not_list_their_orders()
    {
        // Arrange: Mallory set her widget contact's phone to Jane's, so Chatwoot merged her WhatsApp contact into
        // Jane's: the contact now carries Jane's phone, but the channel still received from Mallory's number.
        await StartServerAsync(withLlm: false);

        // Act
        var answer = await AskForOrdersAsync(c => c.WithChannel("Channel::Whatsapp").WithContact(77, "Jane Doe", phone: JanesPhone).WithSourceId(MalloryWhatsApp));

        // Assert
        Assert.DoesNotContain("1042", answer, StringComparison.Ordinal);
        Assert.Equal(Texts("orders.none"), answer);
    }

    [Fact]
    public async Task WhatsApp_sender_lists_the_orders_of_the_number_the_channel_received_from()
    {
        await StartServerAsync(withLlm: false);

        var answer = await AskForOrdersAsync(c => c.WithChannel("Channel::Whatsapp").WithContact(77, "Jane Doe", phone: "+4915199999999").WithSourceId("4915112345678"));

        Assert.Contains("1042", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_contact_merged_into_another_customers_contact_does_not_list_their_orders()
    {
        await StartServerAsync(withLlm: false);

        var answer = await AskForOrdersAsync(c => c.WithChannel("Channel::Email").WithContact(77, "Jane Doe", email: "jane@example.com").WithSourceId("mallory@example.net"));

        Assert.DoesNotContain("1042", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_chatwoots_identity_validation_proves_nothing()
    {
        // Arrange: Mallory signed in to the store as herself (a valid hash), then sent Jane's identifier unsigned.
        await StartServerAsync(withLlm: false, s => (s["Chatwoot:TrustHmac"], s["Chatwoot:HmacEnforcedInboxes"]) = (null, null));

        // Act
        var answer = await AskForOrdersAsync(c => c.WithContact(77, "Jane Doe", identifier: "cus_jane").WithHmacVerified());

        // Assert
        AssertAskedForProof(answer);
    }

    [Fact]
    public async Task Identity_validation_on_an_inbox_that_does_not_enforce_it_proves_nothing_even_when_trusted()
    {
        // Arrange: Chatwoot reports the inbox's hmac_mandatory as off.
        Chatwoot.On("GET", "/api/v1/accounts/1/inboxes/3", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(InboxJson(hmacMandatory: false)), userOnly: true));
        await StartServerAsync(withLlm: false, s => s["Chatwoot:HmacEnforcedInboxes"] = null);

        // Act
        var answer = await AskForOrdersAsync(c => c.WithContact(77, "Jane Doe", identifier: "cus_jane").WithHmacVerified());

        // Assert
        AssertAskedForProof(answer);
        Assert.Single(Chatwoot.RequestsTo("GET", "/api/v1/accounts/1/inboxes/3"));
    }

    [Fact]
    public async Task Identity_validation_counts_where_chatwoot_says_the_inbox_enforces_it_and_the_operator_trusts_it()
    {
        Chatwoot.On("GET", "/api/v1/accounts/1/inboxes/3", r => FakeChatwoot.Authorized(r, () => FakeResponse.Json(InboxJson(hmacMandatory: true)), userOnly: true));
        await StartServerAsync(withLlm: false, s => s["Chatwoot:HmacEnforcedInboxes"] = null);

        var first = await AskForOrdersAsync(c => c.WithContact(77, "Jane Doe", identifier: "cus_jane").WithHmacVerified());
        var second = await AskForOrdersAsync(c => c.WithContact(77, "Jane Doe", identifier: "cus_jane").WithHmacVerified());

        Assert.Contains("1042", first, StringComparison.Ordinal);
        Assert.Contains("1042", second, StringComparison.Ordinal);
        Assert.Single(Chatwoot.RequestsTo("GET", "/api/v1/accounts/1/inboxes/3"));
    }

    [Fact]
    public async Task An_inbox_that_cannot_be_read_counts_as_not_enforcing()
    {
        Chatwoot.On("GET", "/api/v1/accounts/1/inboxes/3", FakeResponse.Error(System.Net.HttpStatusCode.InternalServerError));
        await StartServerAsync(withLlm: false, s => s["Chatwoot:HmacEnforcedInboxes"] = null);

        var answer = await AskForOrdersAsync(c => c.WithContact(77, "Jane Doe", identifier: "cus_jane").WithHmacVerified());

        AssertAskedForProof(answer);
    }

    [Fact]
    public async Task Store_signed_identity_in_the_conversation_lists_that_customers_orders()
    {
        await StartServerAsync(withLlm: false, WithStoreIdentity);

        var answer = await AskForOrdersAsync(c => c.WithContact(78, "Visitor").WithStoreIdentity(SignedFor("cus_jane")));

        Assert.Contains("1042", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong secret")]
    [InlineData("expired")]
    [InlineData("tampered")]
    [InlineData("not a token")]
    public async Task Store_identity_that_the_store_did_not_sign_now_proves_nothing(string flaw)
    {
        await StartServerAsync(withLlm: false, WithStoreIdentity);
        var token = flaw switch
        {
            "wrong secret" => StoreIdentityToken.Sign("cus_jane", DateTimeOffset.UtcNow.AddHours(1), "another-secret-0123456789abcdefghij"),
            "expired" => StoreIdentityToken.Sign("cus_jane", DateTimeOffset.UtcNow.AddSeconds(-1), IdentitySecret),
            "tampered" => "cus_jane" + SignedFor("cus_omar")["cus_omar".Length..],
            _ => "cus_jane",
        };

        var answer = await AskForOrdersAsync(c => c.WithContact(78, "Visitor").WithStoreIdentity(token));

        AssertAskedForProof(answer);
    }

    [Fact]
    public async Task Store_identity_in_the_contacts_attributes_proves_nothing_as_merges_carry_them()
    {
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, WithStoreIdentity);
        var message = new MessageWebhookBuilder(42).WithContent("show my orders").WithConversation(c => c.WithContact(78, "Visitor"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(message.ToJson())!;
        json["conversation"]!["meta"]!["sender"]!["custom_attributes"] = new System.Text.Json.Nodes.JsonObject { ["store_identity"] = SignedFor("cus_jane") };
        json["sender"]!["custom_attributes"] = new System.Text.Json.Nodes.JsonObject { ["store_identity"] = SignedFor("cus_jane") };

        using var response = await Server.Http.PostSignedAsync(json.ToJsonString());
        await SettledTurnsAsync();

        AssertAskedForProof(Posted()[^1].GetProperty("content").GetString()!);
    }

    [Fact]
    public async Task Store_identity_set_after_the_message_was_sent_is_read_from_chatwoot_at_the_turn()
    {
        // Arrange: the site sets the attribute once the conversation exists; the webhook of the first message has none.
        var conversation = Chatwoot.AddConversation(1, 42);
        conversation.CustomAttributes = new() { ["store_identity"] = SignedFor("cus_jane") };
        await StartServerAsync(withLlm: false, WithStoreIdentity);

        // Act
        await SayAsync(new MessageWebhookBuilder(42).WithContent("show my orders").WithConversation(c => c.WithContact(78, "Visitor")));
        await SettledTurnsAsync();

        // Assert
        Assert.Contains("1042", Posted()[^1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    private static void WithStoreIdentity(Dictionary<string, string?> settings)
    {
        settings["Store:IdentitySecret"] = IdentitySecret;
        (settings["Chatwoot:TrustHmac"], settings["Chatwoot:HmacEnforcedInboxes"]) = (null, null);
    }

    private static string SignedFor(string customerId) => StoreIdentityToken.Sign(customerId, DateTimeOffset.UtcNow.AddHours(1), IdentitySecret);

    private async Task<string> AskForOrdersAsync(Action<ConversationJsonBuilder> conversation)
    {
        if (!Chatwoot.Conversations.ContainsKey((1, 42)))
        {
            Chatwoot.AddConversation(1, 42);
        }

        await SayAsync(new MessageWebhookBuilder(42).WithContent("show my orders").WithConversation(conversation));
        await SettledTurnsAsync();
        return Posted()[^1].GetProperty("content").GetString()!;
    }

    /// <summary>An unverified web visitor asking for their orders gets the proof form, never a list.</summary>
    private void AssertAskedForProof(string answer)
    {
        Assert.Equal("form", ContentType(Posted()[^1]));
        Assert.DoesNotContain("1042", answer, StringComparison.Ordinal);
    }

    private string Texts(string key) => Server.Services.GetRequiredService<Assistant.Engine.Prompts.PromptLibrary>().Current.Locales.For("en")[key];

    private static string InboxJson(bool hmacMandatory) =>
        $$"""{"id":3,"name":"Website","channel_type":"Channel::WebWidget","hmac_mandatory":{{(hmacMandatory ? "true" : "false")}},"working_hours_enabled":false}""";
}
