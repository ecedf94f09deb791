using System.Globalization;
using System.Text;
using Assistant.Chatwoot.Webhooks;

namespace Assistant.Tests.Infrastructure;

/// <summary>Posts webhooks the way Chatwoot 4.13+ does: raw JSON, timestamp, delivery id and HMAC signature headers.</summary>
public static class WebhookSender
{
    public static async Task<HttpResponseMessage> PostSignedAsync(
        this HttpClient http, string body, string secret = AssistantServer.WebhookSecret, string? deliveryId = null,
        DateTimeOffset? timestamp = null, string path = "/webhooks/chatwoot")
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Chatwoot-Timestamp", ts);
        request.Headers.Add("X-Chatwoot-Signature", ChatwootWebhookAuthenticator.Sign(secret, ts, bytes));
        request.Headers.Add("X-Chatwoot-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
