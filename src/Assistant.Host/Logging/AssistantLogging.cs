using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Assistant.Host.Logging;

internal static class AssistantLogging
{
    /// <summary>Serilog on the console: levels from the <c>Serilog</c> section, <c>Logging__Format=json</c> for one JSON object per line.</summary>
    public static ILoggingBuilder AddAssistantLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var json = string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        // Quiet defaults for chatty libraries (Npgsql logs every command at Information); the Serilog section overrides them.
        var loggerConfiguration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext();
        // One background writer: request and worker threads hand a line over instead of contending for the console's
        // lock, which cost an eighth of the service's CPU per webhook under load (bench/README.md). A full buffer blocks
        // rather than drops, and disposing the provider flushes it.
        var logger = loggerConfiguration.WriteTo.Async(
                sink => _ = json
                    ? sink.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
                    : sink.Console(
                        outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                        standardErrorFromLevel: LogEventLevel.Verbose),
                blockWhenFull: true)
            .CreateLogger();
        logging.ClearProviders();
        logging.AddSerilog(logger, dispose: true);
        // The hosting layer logs full request URLs, query string included: Chatwoot before 4.13 puts the webhook token
        // there. Our own request log writes the path only, so no configuration can make a token reach a log.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return logging;
    }
}
