using System.Diagnostics;

namespace Assistant.Host.Logging;

/// <summary>
/// One line per request. The path is logged without its query string: Chatwoot before 4.13 authenticates with
/// <c>?token=</c>, and a secret must never reach a log.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Log.Handled(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms.")]
        public static partial void Handled(ILogger logger, string method, string path, int statusCode, double elapsedMs);
    }
}
