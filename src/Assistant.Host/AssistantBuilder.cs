using Assistant.Agent;
using Assistant.Bridge;
using Assistant.Chatwoot;
using Assistant.Engine.Storage;
using Assistant.Engine.Turns;
using Assistant.Host.Admin;
using Assistant.Host.Endpoints;
using Assistant.Host.Logging;
using Assistant.Host.Telemetry;
using Assistant.Host.Workers;
using Assistant.Operations;
using Assistant.Plugins;
using Assistant.Stores;
using Assistant.Zendesk;

namespace Assistant.Host;

/// <summary>Composition of the service: one <c>Add…</c> per project, the HTTP pipeline, the workers.</summary>
internal static class AssistantBuilder
{
    /// <summary>The web service as <c>assistant serve</c> runs it; <paramref name="configure"/> lets tests replace services.</summary>
    public static WebApplication BuildServer(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json lives beside the executable, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddAssistant();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseAssistant();
        return app;
    }

    public static WebApplicationBuilder AddAssistant(this WebApplicationBuilder builder)
    {
        builder.Logging.AddAssistantLogging(builder.Configuration);
        // Hosted services start in registration order: the schema is migrated before any worker runs.
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddAssistantData(builder.Configuration);
        builder.Services.AddAssistantChatwoot();
        builder.Services.AddOptions<ChatwootOptions>().ValidateOnStart();
        builder.Services.AddAssistantTurns();
        builder.Services.AddAssistantAgent();
        builder.Services.AddAssistantZendesk();
        builder.Services.AddAssistantBridge();
        builder.Services.AddAssistantOperations();
        builder.Services.AddAssistantStore(builder.Configuration);
        builder.Services.AddAssistantPlugins();
        builder.Services.AddHostedService<PromptCheckHostedService>();
        builder.Services.AddHostedService<InboxNotificationListener>();
        builder.Services.AddHostedService<InboxWorker>();
        builder.Services.AddHostedService<ZendeskReconcileWorker>();
        builder.Services.AddHostedService<RetentionJanitor>();
        builder.Services.AddAssistantTelemetry(builder.Configuration);
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        builder.Services.AddSingleton<SecretRedactor>();
        builder.Services.AddSingleton<AdminSessions>();
        builder.Services.AddSingleton<AdminSignInThrottle>();
        builder.Services.AddSingleton(sp => new AdminAccess(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AdminOptions>>().Value.Token ?? string.Empty, sp.GetRequiredService<AdminSessions>()));
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseAssistant(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseAssistantRequestLogging();
        app.UseExceptionHandler();
        app.MapHealthEndpoints();
        app.MapWebhookEndpoints();
        app.MapAdminEndpoints();
        return app;
    }

    /// <summary>What <c>eval</c> needs: the responder with its prompts, model, tools and order data, but no web server or Chatwoot.</summary>
    public static IHost BuildEvalHost(string[] args) => BuildHost(args, (services, configuration) =>
    {
        services.AddAssistantData(configuration);
        services.AddAssistantChatwoot(forService: false);
        services.AddAssistantTurns();
        services.AddAssistantAgent();
        services.AddAssistantStore(configuration);
        services.AddAssistantPlugins();
        services.AddAssistantOperations();
    });

    /// <summary>The databases alone, for verbs that need no web server or Chatwoot (migrate, inbox, seed-demo).</summary>
    public static IHost BuildDataHost(string[] args) => BuildHost(args, (services, configuration) =>
    {
        services.AddAssistantData(configuration);
        services.AddAssistantStore(configuration);
        services.AddAssistantPlugins();
        services.AddAssistantOperations();
    });

    /// <summary>A host for a CLI verb: settings from appsettings.json beside the executable, the environment and the arguments; Serilog.</summary>
    public static IHost BuildHost(string[] args, Action<IServiceCollection, IConfiguration> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddAssistantLogging(builder.Configuration);
        configure(builder.Services, builder.Configuration);
        return builder.Build();
    }
}
