using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Assistant.Core.Http;

/// <summary>
/// The standard resilience handler's retry, rebuilt on Polly.Core: 408, 429, 5xx and connection failures, exponential
/// backoff with jitter, <c>Retry-After</c> honoured. Requests marked not idempotent retry only when nothing happened.
/// </summary>
public sealed partial class TransientRetryHandler(IOptionsMonitor<HttpRetryOptions> options, ILogger<TransientRetryHandler> logger)
    : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("request");
    private (HttpRetryOptions Settings, ResiliencePipeline<HttpResponseMessage> Pipeline)? _cached;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (_cached is not { } cached || !ReferenceEquals(cached.Settings, settings))
        {
            cached = (settings, BuildPipeline(settings));
            _cached = cached;
        }

        var pipeline = cached.Pipeline;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Handler.BaseSendAsync(state.Request, ctx.CancellationToken));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Handler: this, Request: request));
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> BaseSendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(HttpRetryOptions settings) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(settings.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    settings.MaxRetries > 0 && ShouldRetry(args.Outcome, args.Context.Properties.GetValue(RequestKey, null!), settings)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    Log.Retrying(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "?",
                        (int?)args.Outcome.Result?.StatusCode, args.AttemptNumber + 1, args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage request, HttpRetryOptions settings)
    {
        if (outcome.Exception is { } exception)
        {
            if (exception is OperationCanceledException)
            {
                return false;
            }

            var nothingSent = exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
            return exception is HttpRequestException or TimeoutRejectedException && (nothingSent || !request.IsNotIdempotent());
        }

        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return RetryAfter(response) is not { } wait || wait <= settings.MaxRetryAfter;
        }

        var transient = response.StatusCode is HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
        return transient && !request.IsNotIdempotent()
            && (RetryAfter(response) is not { } delay || delay <= settings.MaxRetryAfter);
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), or <c>null</c> for the backoff's own delay.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "{Method} {Path} failed ({Status}); retry {Attempt} in {Delay}.")]
        public static partial void Retrying(ILogger logger, string method, string path, int? status, int attempt, TimeSpan delay);
    }
}
