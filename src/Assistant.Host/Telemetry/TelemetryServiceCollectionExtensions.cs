using Assistant.Agent;
using Assistant.Engine.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Assistant.Host.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    public const string ServiceName = "chatwoot-shop-assistant";

    /// <summary>
    /// OpenTelemetry traces and metrics, exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other
    /// standard <c>OTEL_*</c> variables apply: protocol, headers, service name, resource attributes); without it
    /// nothing is registered and the instruments cost nothing.
    /// </summary>
    public static IServiceCollection AddAssistantTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(AssistantTelemetry.Name, ModelClient.TelemetrySource, "Microsoft.SemanticKernel*")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => context.Request.Path.Value is not ("/healthz" or "/readyz"))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(AssistantTelemetry.Name, ModelClient.TelemetrySource, "Microsoft.SemanticKernel*", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        services.AddHostedService<InboxGaugeSampler>();
        return services;
    }
}
