using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Assistant.Core.Http;
using Microsoft.Extensions.Options;

namespace Assistant.Core.Chatwoot.Api;

/// <summary>
/// The typed <see cref="HttpClient"/> under both Chatwoot clients: authenticates with the right token, maps errors,
/// returns JSON. Paths are relative to <c>Chatwoot__BaseUrl</c>.
/// </summary>
public sealed class ChatwootApi(HttpClient http, IOptionsMonitor<ChatwootOptions> options)
{
    private const string TokenHeader = "api_access_token";

    /// <returns>The response JSON, or <c>null</c> for 404.</returns>
    public async Task<JsonElement?> SendAsync(
        HttpMethod method, string path, object? body, ChatwootToken token, string operation, CancellationToken cancellationToken,
        bool idempotent = true)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation(TokenHeader, TokenValue(token, operation));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ChatwootJsonContext.Default))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            };
        }

        if (!idempotent)
        {
            request.MarkNotIdempotent();
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new ChatwootApiException(operation, null, $"Chatwoot could not be reached for {operation}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatwootApiException(operation, null, $"Chatwoot did not answer {operation} in time.", ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
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
    }

    public static string SettingOf(ChatwootToken token) => token == ChatwootToken.Bot ? "Chatwoot__BotToken" : "Chatwoot__UserToken";

    private string TokenValue(ChatwootToken token, string operation)
    {
        var current = options.CurrentValue;
        var value = token == ChatwootToken.Bot ? current.BotToken : current.UserToken;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ChatwootAuthorizationException(operation, null, token,
                $"{operation} needs {SettingOf(token)}, which is not set"
                + (token == ChatwootToken.User ? " (an agent or administrator access token: bot tokens cannot read contacts or message history)." : "."));
        }

        return value;
    }

    /// <summary>Chatwoot's own error text, shortened; it never echoes the token.</summary>
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
