using Assistant.Chatwoot.Api;

namespace Assistant.Tests.Chatwoot;

public sealed class OutgoingMessageTests
{
    [Fact]
    public void Card_is_shaped_as_chatwoots_validator_expects()
    {
        var card = new CardItem("Order #1042 · shipped", "2 items · €59.90", "https://shop.example.com/img/1.png",
            [CardAction.Link("View order", "https://shop.example.com/orders/1042")]);

        var message = OutgoingMessage.Cards("Order #1042 is shipped.", [card], inReplyTo: 4821);

        Assert.Equal("cards", message.ContentType);
        Assert.Equal(
            """{"items":[{"title":"Order #1042 \u00B7 shipped","description":"2 items \u00B7 \u20AC59.90","media_url":"https://shop.example.com/img/1.png","actions":[{"text":"View order","type":"link","uri":"https://shop.example.com/orders/1042"}]}],"in_reply_to":4821}""",
            message.ContentAttributes!.ToJsonString());
    }

    [Fact]
    public void Card_without_actions_is_refused_before_chatwoot_would_reject_it()
    {
        Assert.Throws<ArgumentException>(() => OutgoingMessage.Cards("x", [new CardItem("t", null, null, [])]));
    }

    [Fact]
    public void Form_fields_use_chatwoots_keys_and_the_button_label()
    {
        var message = OutgoingMessage.Form("Tell us more", [
            new FormField("email", "Email", "email", Required: true),
            new FormField("topic", "Topic", "select", Options: [new FormOption("Billing", "billing")], DefaultValue: "billing"),
        ], buttonLabel: "Send");

        Assert.Equal(
            """{"items":[{"name":"email","label":"Email","type":"email","required":true},{"name":"topic","label":"Topic","type":"select","default":"billing","options":[{"label":"Billing","value":"billing"}]}],"button_label":"Send"}""",
            message.ContentAttributes!.ToJsonString());
    }

    [Fact]
    public void Private_note_is_private_plain_text()
    {
        var note = OutgoingMessage.PrivateNote("Customer asked for a refund.");

        Assert.True(note.Private);
        Assert.Equal("text", note.ContentType);
    }

    [Fact]
    public void Every_message_needs_a_text_fallback()
    {
        Assert.Throws<ArgumentException>(() => OutgoingMessage.Select(" ", [new SelectItem("Yes", "yes")]));
    }
}
