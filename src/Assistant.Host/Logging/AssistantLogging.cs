using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Assistant.Host.Logging;

internal static class AssistantLogging
{
    /// <summary>
    /// Serilog on the console: levels from the <c>Serilog</c> section, <c>Logging__Format=json</c> for one JSON object
    /// per line. The host's default providers are removed (each line would be written twice); providers added after
    /// this (a test's capture) receive every event too.
    /// </summary>
    public static ILoggingBuilder AddAssistantLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var json = string.Equals(configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        logging.ClearProviders();
        logging.Services.AddSerilog(
            (provider, logger) => Quiet(logger.MinimumLevel.Information().ReadFrom.Configuration(configuration), configuration)
                .Enrich.FromLogContext()
                // One background writer: request and worker threads hand a line over instead of contending for the
                // console's lock, which cost an eighth of the service's CPU per webhook under load (bench/README.md). A
                // full buffer blocks rather than drops, and disposing the provider flushes it.
                .WriteTo.Async(
                    sink => _ = json
                        ? sink.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
                        : sink.Console(
                            outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                            standardErrorFromLevel: LogEventLevel.Verbose),
                    blockWhenFull: true),
            preserveStaticLogger: true,
            writeToProviders: true);
        return logging;
    }

    /// <summary>
    /// Quiet defaults for chatty libraries (Npgsql logs every command at Information), unless the Serilog section sets
    /// them. The hosting layer logs full request URLs, query string included, at Information: Chatwoot before 4.13 puts
    /// the webhook token there, so it is held at Warning whatever the settings say, and only the request log speaks of requests.
    /// </summary>
    private static LoggerConfiguration Quiet(LoggerConfiguration logger, IConfiguration configuration)
    {
        foreach (var source in new[] { "Microsoft.AspNetCore", "System.Net.Http.HttpClient", "Npgsql" })
        {
            if (configuration[$"Serilog:MinimumLevel:Override:{source}"] is null)
            {
                logger.MinimumLevel.Override(source, LogEventLevel.Warning);
            }
        }

        return logger.MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning);
    }

    /// <summary>
    /// One line per request, by Serilog's request logging. The path is logged without its query string: Chatwoot before
    /// 4.13 authenticates with <c>?token=</c>, and a secret must never reach a log. No header or body is logged.
    /// </summary>
    public static IApplicationBuilder UseAssistantRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // The host's logger, not Serilog's static one: several hosts share a process in tests and CLI verbs.
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            options.IncludeQueryInRequestPath = false;
            options.MessageTemplate = "{RequestMethod:l} {RequestPath:l} answered {StatusCode} in {Elapsed:0.0} ms.";
        });
}
