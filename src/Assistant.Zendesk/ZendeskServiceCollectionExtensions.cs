using Assistant.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Assistant.Zendesk;

public static class ZendeskServiceCollectionExtensions
{
    /// <summary>Zendesk for the service: the API client, its settings checked at start-up, and the webhook check.</summary>
    public static IServiceCollection AddAssistantZendesk(this IServiceCollection services)
    {
        services.AddAssistantZendeskClient();
        services.AddOptions<ZendeskOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZendeskOptions>, ZendeskOptionsValidator>());
        services.AddSingleton<ZendeskWebhookAuthenticator>();
        return services;
    }

    /// <summary>The Zendesk API client alone (for <c>setup zendesk</c>).</summary>
    public static IServiceCollection AddAssistantZendeskClient(this IServiceCollection services)
    {
        services.AddOptions<ZendeskOptions>().BindConfiguration(ZendeskOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddRefitGeneratedClient<IZendeskApi>(ZendeskJsonContext.Default)
            .ConfigureHttpClient((sp, http) =>
            {
                if (sp.GetRequiredService<IOptions<ZendeskOptions>>().Value.BaseUrl is { } baseUrl)
                {
                    http.BaseAddress = SecureTransport.BaseAddress(baseUrl);
                }

                http.Timeout = TimeSpan.FromSeconds(60);
            })
            .AddAssistantTransport()
            .AddHttpMessageHandler(sp => new ZendeskAuthHandler(sp.GetRequiredService<IOptionsMonitor<ZendeskOptions>>()));
        services.AddTransient<ZendeskClient>();
        return services;
    }
}
