using Assistant.Core.Chatwoot.Api;
using Assistant.Core.Chatwoot.Webhooks;
using Assistant.Core.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Core.Chatwoot;

public static class ChatwootServiceCollectionExtensions
{
    /// <summary>The webhook authenticator and the API clients, configured from <c>Chatwoot__*</c>.</summary>
    /// <param name="forService">The settings the service needs (bot token, webhook secret) are checked; setup verbs run before those exist.</param>
    public static IServiceCollection AddAssistantChatwoot(this IServiceCollection services, bool forService = true)
    {
        services.AddOptions<ChatwootOptions>().BindConfiguration(ChatwootOptions.SectionName);
        if (forService)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatwootOptions>, ChatwootOptionsValidator>());
        }

        services.AddOptions<HttpRetryOptions>().BindConfiguration(HttpRetryOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChatwootWebhookAuthenticator>();
        services.AddTransient<TransientRetryHandler>();
        services.AddHttpClient<ChatwootApi>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<ChatwootOptions>>().Value;
            if (options.BaseUrl is { } baseUrl)
            {
                // A trailing slash keeps a path prefix (Chatwoot behind /support/) when relative paths are resolved.
                http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
            }

            http.Timeout = options.RequestTimeout;
        }).ConfigurePrimaryHttpMessageHandler(SecureTransport.Handler).AddHttpMessageHandler<TransientRetryHandler>();
        services.AddTransient<ChatwootClient>();
        services.AddTransient<ChatwootUserClient>();
        services.AddTransient<Setup.ChatwootSetup>();
        return services;
    }
}
