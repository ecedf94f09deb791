using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Assistant.Transport;

public static partial class ResilientClientExtensions
{
    /// <summary>
    /// The transport every credentialed API client uses: <see cref="SecureTransport"/>'s handler, then a
    /// Microsoft.Extensions.Http.Resilience pipeline (retry by <see cref="HttpRetryRule"/>, a timeout per attempt),
    /// rebuilt when <c>Http__*</c> settings change; outermost, <see cref="ServiceWaitHandler"/>, so that the work
    /// waiting on the call lets other work run.
    /// </summary>
    public static IHttpClientBuilder AddAssistantTransport(this IHttpClientBuilder builder)
    {
        builder.Services.AddOptions<HttpRetryOptions>().BindConfiguration(HttpRetryOptions.SectionName);
        builder.ConfigurePrimaryHttpMessageHandler(SecureTransport.Handler);
        builder.AddHttpMessageHandler(static () => new ServiceWaitHandler());
        builder.AddResilienceHandler("retry", static (pipeline, context) =>
        {
            context.EnableReloads<HttpRetryOptions>();
            var settings = context.GetOptions<HttpRetryOptions>();
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Assistant.Transport.Retry");
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(settings.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    settings.MaxRetries > 0 && HttpRetryRule.ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), settings)),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    Log.Retrying(logger, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?",
                        (int?)args.Outcome.Result?.StatusCode, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
            pipeline.AddTimeout(settings.AttemptTimeout);
        });
        return builder;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "{Method} {Path} failed ({Status}); retry {Attempt} in {Delay}.")]
        public static partial void Retrying(ILogger logger, string method, string path, int? status, int attempt, TimeSpan delay);
    }
}
