using Microsoft.Extensions.Options;

namespace Assistant.Chatwoot.Api;

/// <summary>Puts one of the two Chatwoot tokens on each request, read at send time so a reloaded setting takes effect.</summary>
public sealed class ChatwootTokenHandler(ChatwootToken token, IOptionsMonitor<ChatwootOptions> options) : DelegatingHandler
{
    private const string Header = "api_access_token";

    public static string? TokenOf(ChatwootOptions options, ChatwootToken token) => token == ChatwootToken.Bot ? options.BotToken : options.UserToken;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Runs once per attempt: a retried request already carries the header.
        request.Headers.Remove(Header);
        if (TokenOf(options.CurrentValue, token) is { Length: > 0 } value)
        {
            request.Headers.TryAddWithoutValidation(Header, value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
