using Serilog;
using Serilog.Formatting.Json;

namespace Assistant.Host.Logging;

internal static class AssistantLogging
{
    /// <summary>Serilog on the console: levels from the <c>Serilog</c> section, <c>Logging__Format=json</c> for one JSON object per line.</summary>
    public static ILoggingBuilder AddAssistantLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var json = string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        var loggerConfiguration = new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext();
        var logger = (json
                ? loggerConfiguration.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
                : loggerConfiguration.WriteTo.Console(
                    outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose))
            .CreateLogger();
        logging.ClearProviders();
        logging.AddSerilog(logger, dispose: true);
        return logging;
    }
}
