using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Engine.Store;
using Assistant.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Stores.Shopify;

/// <summary>
/// What one Admin GraphQL call answered. <see cref="TranslationsDenied"/>: the token may not read translations, and
/// since that field is non-null Shopify's error may have voided the whole answer; the caller asks again without it.
/// </summary>
public sealed record ShopifyResponse(JsonElement Data, bool TranslationsDenied);

/// <summary>
/// Admin GraphQL over HTTP. Shopify's cost-based throttling is respected: each answer's <c>throttleStatus</c> is kept,
/// a call waits for the bucket to refill enough rather than be refused, and a <c>THROTTLED</c> answer is retried once
/// after the wait Shopify's numbers say, never blindly; a wait longer than <c>Shopify__MaxThrottleWait</c> fails the
/// call (the turn is retried later). HTTP failures go through the shared retry pipeline first.
/// </summary>
public sealed partial class ShopifyClient(
    HttpClient http, IOptionsMonitor<ShopifyOptions> options, ShopifyShopState shop, TimeProvider clock, ILogger<ShopifyClient> logger)
{
    /// <summary>What a call is assumed to cost before Shopify says: about the adapter's largest query.</summary>
    private const double ExpectedCost = 500;

    /// <param name="write">A mutation: never repeated once Shopify may have acted on it (only a <c>THROTTLED</c> answer, which did nothing, is).</param>
    public async Task<ShopifyResponse> QueryAsync(string query, JsonObject variables, CancellationToken cancellationToken, bool write = false)
    {
        var settings = options.CurrentValue;
        await WaitForBudgetAsync(settings, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var root = await SendAsync(settings, query, variables, write, cancellationToken);
            var cost = root.Path("extensions", "cost");
            shop.Remember(cost, clock.GetUtcNow());
            var errors = root.Property("errors") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().ToList() : [];
            if (errors.Any(e => Code(e) == "THROTTLED"))
            {
                var wait = ThrottleWait(cost);
                if (attempt > 1 || wait > settings.MaxThrottleWait)
                {
                    throw new StoreUnavailableException($"Shopify's query budget is spent (it would take {wait.TotalSeconds:0.#} s to refill); the turn is retried later.");
                }

                Log.Throttled(logger, wait);
                await WaitOnShopifyAsync(wait, cancellationToken);
                continue;
            }

            if (errors.Count > 0 && errors.All(IsTranslationsDenied))
            {
                return new ShopifyResponse(default, TranslationsDenied: true);
            }

            if (errors.Count > 0)
            {
                throw new StoreUnavailableException($"Shopify refused the query: {Describe(errors[0])}");
            }

            return root.Property("data") is { ValueKind: JsonValueKind.Object } data
                ? new ShopifyResponse(data, TranslationsDenied: false)
                : throw new StoreUnavailableException("Shopify answered without data.");
        }
    }

    private async Task<JsonElement> SendAsync(ShopifyOptions settings, string query, JsonObject variables, bool write, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = variables.DeepClone() }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.GraphQlPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Shopify-Access-Token", settings.AccessToken);
        if (write)
        {
            request.MarkNotIdempotent();
        }
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new StoreUnavailableException(Refusal(response.StatusCode));
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (HttpRequestException ex)
        {
            throw new StoreUnavailableException("Shopify could not be reached.", ex);
        }
        catch (JsonException ex)
        {
            throw new StoreUnavailableException("Shopify's answer was not JSON (is Shopify__ShopDomain the shop's address?).", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException("Shopify did not answer in time.", ex);
        }
    }

    /// <summary>Waits, before a call, until the bucket Shopify last reported has refilled enough for one more.</summary>
    private async Task WaitForBudgetAsync(ShopifyOptions settings, CancellationToken cancellationToken)
    {
        var wait = shop.WaitBefore(ExpectedCost, clock.GetUtcNow());
        if (wait > TimeSpan.Zero)
        {
            Log.Throttled(logger, wait);
            await WaitOnShopifyAsync(wait < settings.MaxThrottleWait ? wait : settings.MaxThrottleWait, cancellationToken);
        }
    }

    /// <summary>A wait for Shopify's bucket to refill lends the turn's work-budget share, like any wait on a service.</summary>
    private async Task WaitOnShopifyAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using (WorkBudget.Away())
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    /// <summary>How long until the bucket holds what the refused query asked for, from Shopify's own numbers.</summary>
    internal static TimeSpan ThrottleWait(JsonElement? cost)
    {
        var requested = cost?.Property("requestedQueryCost").Double() ?? ExpectedCost;
        var status = cost?.Property("throttleStatus");
        var available = status?.Property("currentlyAvailable").Double() ?? 0;
        var rate = status?.Property("restoreRate").Double() ?? 50;
        return TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, requested - available) / Math.Max(rate, 1) * 10) / 10);
    }

    private static string? Code(JsonElement error) => error.Path("extensions", "code").String();

    private static bool IsTranslationsDenied(JsonElement error) =>
        Code(error) == "ACCESS_DENIED" && error.Property("path") is { ValueKind: JsonValueKind.Array } path
        && path.EnumerateArray().Any(p => p.ValueKind == JsonValueKind.String && p.GetString() == "translations");

    private static string Describe(JsonElement error) =>
        (Code(error) is { } code ? code + ": " : string.Empty) + (error.Property("message").String() ?? "no message");

    private static string Refusal(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Shopify refused the access token (401): check Shopify__AccessToken.",
        HttpStatusCode.Forbidden => "Shopify refused the call (403): the custom app lacks a scope; run `assistant setup shopify`.",
        HttpStatusCode.NotFound => "Shopify has no such shop or API version (404): check Shopify__ShopDomain and Shopify__ApiVersion.",
        HttpStatusCode.PaymentRequired => "The Shopify shop is frozen or paused (402).",
        HttpStatusCode.Locked => "The Shopify shop is locked (423).",
        HttpStatusCode.TooManyRequests => "Shopify is limiting requests (429); the turn is retried later.",
        _ => $"Shopify answered {(int)status}.",
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Waiting {Wait} for Shopify's query budget to refill.")]
        public static partial void Throttled(ILogger logger, TimeSpan wait);
    }
}
