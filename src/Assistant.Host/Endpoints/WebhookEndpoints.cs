using Assistant.Bridge;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Webhooks;
using Assistant.Engine.Inbox;
using Assistant.Engine.Telemetry;
using Assistant.Zendesk;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Endpoints;

/// <summary>Webhook intake: verify, store, acknowledge. Nothing else runs on the request path.</summary>
internal static partial class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").WithTags("Webhooks").AddEndpointFilter(CountAsync);
        group.MapPost("/chatwoot", ReceiveChatwootAsync).WithName("ReceiveChatwootWebhook");
        group.MapPost("/zendesk", ReceiveZendeskAsync).WithName("ReceiveZendeskWebhook");
        return group;
    }

    /// <summary>Counts each webhook by sender and what became of it, read off the answer given.</summary>
    private static async ValueTask<object?> CountAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var outcome = (result is INestedHttpResult nested ? nested.Result : result) switch
        {
            IValueHttpResult { Value: WebhookReceipt receipt } => receipt.Status,
            IStatusCodeHttpResult { StatusCode: 401 } => "rejected",
            IStatusCodeHttpResult { StatusCode: 400 or 413 } => "malformed",
            IStatusCodeHttpResult { StatusCode: 404 } => "disabled",
            _ => "failed",
        };
        AssistantTelemetry.Webhooks.Add(1, new("source", context.HttpContext.Request.Path.Value?.Split('/')[^1]), new("result", outcome));
        return result;
    }

    internal static async Task<Results<Ok<WebhookReceipt>, UnauthorizedHttpResult, BadRequest<string>, StatusCodeHttpResult>> ReceiveChatwootAsync(
        HttpRequest request,
        ChatwootWebhookAuthenticator authenticator,
        IOptionsMonitor<ChatwootOptions> chatwootOptions,
        InboxGroupCommit inbox,
        InboxSignal signal,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(WebhookEndpoints));
        var body = await RequestBody.ReadLimitedAsync(request, RequestBody.MaxWebhookBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var verdict = authenticator.Verify(body, request.Headers["X-Chatwoot-Timestamp"], request.Headers["X-Chatwoot-Signature"],
            request.Query["token"]);
        if (verdict != WebhookVerdict.Valid)
        {
            Log.Rejected(logger, verdict);
            return TypedResults.Unauthorized();
        }

        var envelope = ChatwootEnvelope.TryRead(body, request.Headers["X-Chatwoot-Delivery"], chatwootOptions.CurrentValue.AccountId, out var error);
        if (envelope is null)
        {
            Log.Malformed(logger, error!);
            return TypedResults.BadRequest(error!);
        }

        if (envelope.AccountId is null)
        {
            Log.AccountUnknown(logger, envelope.EventName, ChatwootAccount.MissingHelp);
        }

        bool stored;
        try
        {
            var inboxEvent = new NewInboxEvent(ChatwootEnvelope.Source, envelope.DeliveryKey, envelope.EventName,
                envelope.OrderingKey, System.Text.Encoding.UTF8.GetString(body));
            stored = await TransientStore.RunAsync(() => inbox.TryAddAsync(inboxEvent, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Chatwoot retries a 500 (twice, 3 s apart); any other failure would hand the conversation to humans.
            Log.StoreFailed(logger, ex, envelope.EventName);
            return TypedResults.StatusCode(StatusCodes.Status500InternalServerError);
        }

        if (stored)
        {
            signal.Notify();
        }
        else
        {
            Log.Duplicate(logger, envelope.EventName, envelope.OrderingKey);
        }

        return TypedResults.Ok(new WebhookReceipt(stored ? "accepted" : "duplicate"));
    }

    internal static async Task<Results<Ok<WebhookReceipt>, NotFound, UnauthorizedHttpResult, BadRequest<string>, StatusCodeHttpResult>> ReceiveZendeskAsync(
        HttpRequest request,
        IOptionsMonitor<ZendeskOptions> options,
        ZendeskWebhookAuthenticator authenticator,
        InboxGroupCommit inbox,
        InboxSignal signal,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return TypedResults.NotFound();
        }

        var logger = loggers.CreateLogger(typeof(WebhookEndpoints));
        var body = await RequestBody.ReadLimitedAsync(request, RequestBody.MaxWebhookBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!authenticator.Verify(body, request.Headers["X-Zendesk-Webhook-Signature-Timestamp"], request.Headers["X-Zendesk-Webhook-Signature"]))
        {
            Log.ZendeskRejected(logger);
            return TypedResults.Unauthorized();
        }

        var envelope = ZendeskEnvelope.TryRead(body, out var error);
        if (envelope is null)
        {
            Log.Malformed(logger, error!);
            return TypedResults.BadRequest(error!);
        }

        try
        {
            var inboxEvent = new NewInboxEvent(ZendeskEnvelope.Source, envelope.EventId, envelope.Type,
                $"zendesk:ticket:{envelope.TicketId}", System.Text.Encoding.UTF8.GetString(body));
            var stored = await TransientStore.RunAsync(() => inbox.TryAddAsync(inboxEvent, cancellationToken), cancellationToken);
            if (stored)
            {
                signal.Notify();
            }

            return TypedResults.Ok(new WebhookReceipt(stored ? "accepted" : "duplicate"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Zendesk retries a 503 that carries a short Retry-After, but not a 500.
            Log.StoreFailed(logger, ex, envelope.Type);
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Rejected a Zendesk webhook with a missing, stale or wrong signature.")]
        public static partial void ZendeskRejected(ILogger logger);

        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Rejected a Chatwoot webhook: {Verdict}.")]
        public static partial void Rejected(ILogger logger, WebhookVerdict verdict);

        [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Rejected a malformed Chatwoot webhook: {Reason}")]
        public static partial void Malformed(ILogger logger, string reason);

        [LoggerMessage(EventId = 25, Level = LogLevel.Error, Message = "A {EventName} webhook names no account; it is stored but cannot be processed. {Help}")]
        public static partial void AccountUnknown(ILogger logger, string eventName, string help);

        [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Could not store a {EventName} webhook; answering so the sender retries.")]
        public static partial void StoreFailed(ILogger logger, Exception exception, string eventName);

        [LoggerMessage(EventId = 23, Level = LogLevel.Debug, Message = "Duplicate Chatwoot {EventName} delivery for {OrderingKey} ignored.")]
        public static partial void Duplicate(ILogger logger, string eventName, string orderingKey);
    }
}

/// <summary>The acknowledgement body; Chatwoot ignores it, operators reading a delivery log do not.</summary>
public sealed record WebhookReceipt(string Status);
