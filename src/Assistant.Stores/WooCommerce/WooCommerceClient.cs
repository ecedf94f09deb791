using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Engine.Store;
using Assistant.Transport;
using Microsoft.Extensions.Options;

namespace Assistant.Stores.WooCommerce;

/// <summary>
/// WooCommerce's REST API v3 over HTTP. The key is sent as HTTP Basic authentication (WooCommerce's way over HTTPS),
/// never in the query string, where it would reach access logs. Failures go through the shared retry pipeline first;
/// what is left becomes <see cref="StoreUnavailableException"/> naming the setting at fault, or null for a resource
/// WooCommerce says does not exist.
/// </summary>
public sealed class WooCommerceClient(HttpClient http, IOptionsMonitor<WooCommerceOptions> options)
{
    public const string ApiPath = "wp-json/wc/v3/";

    /// <summary>GETs <paramref name="path"/> (relative to <c>/wp-json/wc/v3/</c>); null when WooCommerce answers that it has no such resource.</summary>
    public async Task<JsonElement?> GetAsync(string path, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken)
    {
        var (status, code, body, _) = await SendAsync(path, query, cancellationToken);
        return body is not null ? body
            : status == HttpStatusCode.NotFound && code is not null && code.EndsWith("_invalid_id", StringComparison.Ordinal) ? null
            : throw new StoreUnavailableException(Refusal(status, code));
    }

    /// <summary>Whether the key's user may read <paramref name="path"/>: WooCommerce answers 401 <c>…_cannot_view</c> when not.</summary>
    public async Task<bool> MayReadAsync(string path, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken)
    {
        var (status, code, body, _) = await SendAsync(path, query, cancellationToken);
        return body is not null
            || (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && code is "woocommerce_rest_cannot_view" ? false
                : throw new StoreUnavailableException(Refusal(status, code)));
    }

    /// <summary>
    /// PUTs or POSTs <paramref name="body"/> once (never repeated once WooCommerce may have acted on it). WooCommerce's
    /// refusal (a 4xx with its message) is the result; an answer lost or a 5xx throws, and the caller reads back.
    /// </summary>
    public async Task<StoreWriteResult> WriteAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        var (status, code, answer, message) = await SendAsync(path, new Dictionary<string, string>(), cancellationToken, method, body);
        return answer is not null ? StoreWriteResult.Accepted
            : (int)status is >= 400 and < 500 and not 408 and not 429 ? new StoreWriteResult($"{message ?? code ?? "refused"} ({(int)status})")
            : throw new StoreUnavailableException(Refusal(status, code));
    }

    /// <summary>The answer's body when it succeeded; otherwise its status and WooCommerce's error code and message, if it sent them.</summary>
    private async Task<(HttpStatusCode Status, string? Code, JsonElement? Body, string? Message)> SendAsync(
        string path, IReadOnlyDictionary<string, string> query, CancellationToken cancellationToken, HttpMethod? method = null, JsonObject? body = null)
    {
        var settings = options.CurrentValue;
        var uri = ApiPath + path + (query.Count == 0 ? string.Empty
            : "?" + string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")));
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            request.MarkNotIdempotent();
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ConsumerKey}:{settings.ConsumerSecret}")));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                using var document = JsonDocument.Parse(text);
                return (response.StatusCode, null, document.RootElement.Clone(), null);
            }

            // Errors are JSON from WooCommerce ({"code": …}) but HTML from a host or proxy in front of it.
            var (code, message) = Error(text);
            return (response.StatusCode, code, null, message);
        }
        catch (HttpRequestException ex)
        {
            throw new StoreUnavailableException("WooCommerce could not be reached.", ex);
        }
        catch (JsonException ex)
        {
            throw new StoreUnavailableException("WooCommerce's answer was not JSON (is WooCommerce__SiteUrl the WordPress site's address, with pretty permalinks on?).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException("WooCommerce did not answer in time.", ex);
        }
    }

    private static (string? Code, string? Message) Error(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return (document.RootElement.Property("code").String(), document.RootElement.Property("message").String());
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string Refusal(HttpStatusCode status, string? code) => (status, code) switch
    {
        (HttpStatusCode.Unauthorized, "woocommerce_rest_authentication_error") =>
            "WooCommerce refused the key (401): check WooCommerce__ConsumerKey and WooCommerce__ConsumerSecret.",
        (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) =>
            $"WooCommerce refused the call ({(int)status} {code}): the key's user may not read this; run `assistant setup woocommerce`.",
        (HttpStatusCode.NotFound, "rest_no_route") => "WooCommerce's REST API is not at WooCommerce__SiteUrl (404 rest_no_route): is WooCommerce active?",
        (HttpStatusCode.TooManyRequests, _) => "WooCommerce is limiting requests (429); the turn is retried later.",
        _ => $"WooCommerce answered {(int)status}{(code is null ? string.Empty : " " + code)}.",
    };
}
