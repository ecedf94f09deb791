using System.Text.Json;
using Assistant.Tests.Turns;
using Dapper;

namespace Assistant.Tests.Security;

/// <summary>
/// Links from the store's data become buttons and images only when they are absolute https: links (http: by setting):
/// a carrier's or a feed's <c>javascript:</c> or <c>data:</c> link never reaches a customer's screen.
/// </summary>
public sealed class LinkSafetyTests : ConversationTestBase
{
    [Fact]
    public async Task A_tracking_link_that_is_not_https_gets_no_button_on_the_order_card()
    {
        // Arrange
        await ExecuteAsync("UPDATE shop.shipments SET tracking_url = 'javascript:alert(document.cookie)' WHERE order_id = 2");
        await ExecuteAsync("UPDATE shop.order_items SET image_url = 'data:image/svg+xml;base64,PHN2Zz4=' WHERE order_id = 2");
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        // Act
        await SayAsync(VerifiedJane("where is order 1042?"));
        await SettledTurnsAsync();

        // Assert: the card keeps its order-page button and nothing else.
        var card = Posted().Single(m => ContentType(m) == "cards").GetProperty("content_attributes").GetProperty("items")[0];
        Assert.Equal(["https://shop.example.com/orders/1042"], card.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("uri").GetString()));
        Assert.True(!card.TryGetProperty("media_url", out var media) || media.ValueKind == JsonValueKind.Null);
        Assert.DoesNotContain(Posted(), m => m.GetRawText().Contains("javascript:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "input_select")]
    [InlineData(true, "cards")]
    public async Task A_product_page_on_plain_http_is_linked_only_when_the_store_allows_it(bool allowHttp, string contentType)
    {
        await ExecuteAsync("UPDATE shop.products SET url = replace(url, 'https://', 'http://')");
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false, s => s["Store:AllowHttpLinks"] = allowHttp ? "true" : "false");

        await SayAsync(VerifiedJane("do you have a rain jacket?"));
        await SettledTurnsAsync();

        Assert.Equal(contentType, ContentType(Posted()[^1]));
        Assert.Equal(allowHttp, Posted()[^1].GetRawText().Contains("http://shop.example.com/products/", StringComparison.Ordinal));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        await connection.ExecuteAsync(sql);
    }
}
