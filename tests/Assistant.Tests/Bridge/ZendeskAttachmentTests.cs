using Assistant.Tests.Builders;

namespace Assistant.Tests.Bridge;

public sealed class ZendeskAttachmentTests : BridgeTestBase
{
    [Fact]
    public async Task Customers_files_reach_the_ticket_as_links_under_their_description()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42, status: "open");
        await StartBridgeAsync();

        // Act
        await SayAsync(VerifiedJane("ignored").WithContent("The mug arrived like this").WithConversation(c => c.WithStatus("open")).WithAttachments(
            MessageWebhookBuilder.Attachment("image", "https://chat.example.com/rails/active_storage/blobs/redirect/eyJf/broken-mug.jpg"),
            MessageWebhookBuilder.Attachment("location", lat: 52.52, lon: 13.405)));
        await SettledTurnsAsync();

        // Assert
        var comment = Assert.Single(Assert.Single(Zendesk.Tickets.Values).Comments);
        Assert.Equal(
            "The mug arrived like this\n[image: broken-mug.jpg]\n[location: 52.52, 13.405]\n"
            + "broken-mug.jpg: https://chat.example.com/rails/active_storage/blobs/redirect/eyJf/broken-mug.jpg\n"
            + "location: https://www.openstreetmap.org/?mlat=52.52&mlon=13.405",
            comment.Body);
    }
}
