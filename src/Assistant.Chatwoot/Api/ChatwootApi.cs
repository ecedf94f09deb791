using System.Net;
using System.Text;
using System.Text.Json;
using Assistant.Transport;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Refit;

namespace Assistant.Chatwoot.Api;

/// <summary>
/// Makes one call through the generated Refit clients and reads its answer the same way for every operation: 404 is
/// <c>null</c>, 401/403 name the token's setting, other failures become <see cref="ChatwootApiException"/> with
/// Chatwoot's own words and never a token.
/// </summary>
public sealed class ChatwootApi(IChatwootBotApi bot, IChatwootUserApi user, IOptionsMonitor<ChatwootOptions> options)
{
    /// <returns>The response JSON, or <c>null</c> for 404.</returns>
    public Task<JsonElement?> BotAsync(string operation, Func<IChatwootBotApi, Task<HttpResponseMessage>> call, CancellationToken cancellationToken) =>
        SendAsync(ChatwootToken.Bot, operation, () => call(bot), cancellationToken);

    /// <returns>The response JSON, or <c>null</c> for 404.</returns>
    public Task<JsonElement?> UserAsync(string operation, Func<IChatwootUserApi, Task<HttpResponseMessage>> call, CancellationToken cancellationToken) =>
        SendAsync(ChatwootToken.User, operation, () => call(user), cancellationToken);

    public static string SettingOf(ChatwootToken token) => token == ChatwootToken.Bot ? "Chatwoot__BotToken" : "Chatwoot__UserToken";

    private async Task<JsonElement?> SendAsync(ChatwootToken token, string operation, Func<Task<HttpResponseMessage>> call, CancellationToken cancellationToken)
    {
        RequireToken(token, operation);
        HttpResponseMessage response;
        try
        {
            response = await call();
        }
        catch (ApiRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw ex.InnerException is TaskCanceledException or TimeoutRejectedException
                ? new ChatwootApiException(operation, null, $"Chatwoot did not answer {operation} in time.", ex.InnerException)
                : new ChatwootApiException(operation, null, $"Chatwoot could not be reached for {operation}: {ex.InnerException?.Message ?? ex.Message}", ex.InnerException);
        }

        using (response)
        {
            return await ReadAsync(response, token, operation, options.CurrentValue, cancellationToken);
        }
    }

    private static async Task<JsonElement?> ReadAsync(
        HttpResponseMessage response, ChatwootToken token, string operation, ChatwootOptions settings, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var text = SecretText.Redact(await response.Content.ReadAsStringAsync(cancellationToken), [settings.BotToken, settings.UserToken]);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ChatwootAuthorizationException(operation, response.StatusCode, token,
                $"Chatwoot refused {operation} ({(int)response.StatusCode}): the token in {SettingOf(token)} is invalid or lacks this permission"
                + (token == ChatwootToken.Bot ? " (agent bot tokens may only call the endpoints in Chatwoot's bot allow-list)." : ".")
                + Detail(text));
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ChatwootApiException(operation, response.StatusCode,
                $"Chatwoot answered {operation} with {(int)response.StatusCode} {response.ReasonPhrase}.{Detail(text)}");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return default(JsonElement);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ChatwootApiException(operation, response.StatusCode, $"Chatwoot answered {operation} with a body that is not JSON.", ex);
        }
    }

    private void RequireToken(ChatwootToken token, string operation)
    {
        if (string.IsNullOrWhiteSpace(ChatwootTokenHandler.TokenOf(options.CurrentValue, token)))
        {
            throw new ChatwootAuthorizationException(operation, null, token,
                $"{operation} needs {SettingOf(token)}, which is not set"
                + (token == ChatwootToken.User ? " (an agent or administrator access token: bot tokens cannot read contacts or message history)." : "."));
        }
    }

    /// <summary>Chatwoot's own error text, shortened, without control characters; tokens were redacted when it was read.</summary>
    private static string Detail(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var trimmed = body.Length > 300 ? body[..300] + "…" : body;
        var builder = new StringBuilder(" Chatwoot said: ");
        foreach (var c in trimmed)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}
