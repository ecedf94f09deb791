using System.Text;
using Assistant.Chatwoot.Webhooks;
using Assistant.Tests.Builders;

namespace Assistant.Tests.Chatwoot;

public sealed class ChatwootEnvelopeTests
{
    [Fact]
    public void Message_event_is_ordered_by_its_conversation_and_deduplicated_by_the_delivery_id()
    {
        var body = new MessageWebhookBuilder(conversationId: 42, accountId: 7).ToJson();

        var envelope = ChatwootEnvelope.TryRead(Encoding.UTF8.GetBytes(body), "d3f6a8c0-delivery", null, out var error);

        Assert.Null(error);
        Assert.Equal(new ChatwootEnvelope("message_created", 7, "chatwoot:7:42", "d3f6a8c0-delivery"), envelope);
    }

    [Fact]
    public void Conversation_event_is_ordered_by_the_conversation_it_describes()
    {
        var body = new ConversationWebhookBuilder("conversation_status_changed", conversationId: 9).ToJson();

        var envelope = ChatwootEnvelope.TryRead(Encoding.UTF8.GetBytes(body), null, null, out _);

        Assert.Equal("chatwoot:1:9", envelope!.OrderingKey);
    }

    [Fact]
    public void Without_a_delivery_id_the_same_body_gets_the_same_key_and_another_body_another()
    {
        var builder = new MessageWebhookBuilder();
        var first = Encoding.UTF8.GetBytes(builder.ToJson());
        var edited = Encoding.UTF8.GetBytes(builder.WithContent("edited").ToJson());

        var a = ChatwootEnvelope.TryRead(first, null, null, out _)!;
        var b = ChatwootEnvelope.TryRead(first, "  ", null, out _)!;
        var c = ChatwootEnvelope.TryRead(edited, null, null, out _)!;

        Assert.Equal(a.DeliveryKey, b.DeliveryKey);
        Assert.NotEqual(a.DeliveryKey, c.DeliveryKey);
        Assert.StartsWith($"message_created:{builder.MessageId}:", a.DeliveryKey);
    }

    [Fact]
    public void Widget_opened_by_a_new_visitor_is_ordered_by_the_contact_inbox()
    {
        var body = """{"event":"webwidget_triggered","id":90,"account":{"id":1},"current_conversation":null,"contact":{"id":77}}""";

        var envelope = ChatwootEnvelope.TryRead(Encoding.UTF8.GetBytes(body), null, null, out _);

        Assert.Equal("chatwoot:1:contact_inbox:90", envelope!.OrderingKey);
    }

    [Theory]
    [InlineData("{not json", "The body is not valid JSON.")]
    [InlineData("[1,2]", "The body is not a JSON object.")]
    [InlineData("""{"id":1,"account":{"id":1}}""", "The body has no 'event'.")]
    [InlineData("""{"event":"message_created","id":1}""", "The body has no 'account.id'.")]
    public void Body_that_is_not_a_chatwoot_event_is_refused_with_a_reason(string body, string reason)
    {
        var envelope = ChatwootEnvelope.TryRead(Encoding.UTF8.GetBytes(body), null, null, out var error);

        Assert.Null(envelope);
        Assert.Equal(reason, error);
    }
}
