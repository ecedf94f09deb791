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
        var logger = (json
                ? loggerConfiguration.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
                : loggerConfiguration.WriteTo.Console(
                    outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    standardErrorFromLevel: LogEventLevel.Verbose))
            .CreateLogger();
        logging.ClearProviders();
        logging.AddSerilog(logger, dispose: true);
        // The hosting layer logs full request URLs, query string included: Chatwoot before 4.13 puts the webhook token
        // there. Our own request log writes the path only, so no configuration can make a token reach a log.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return logging;
    }
}
