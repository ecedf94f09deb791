using Assistant.Chatwoot.Api;
using Assistant.Chatwoot.Webhooks;
using Assistant.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Assistant.Chatwoot;

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

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChatwootWebhookAuthenticator>();
        services.AddChatwootApi<IChatwootBotApi>(ChatwootToken.Bot);
        services.AddChatwootApi<IChatwootUserApi>(ChatwootToken.User);
        services.AddTransient<ChatwootApi>();
        services.AddTransient<ChatwootClient>();
        services.AddTransient<ChatwootUserClient>();
        services.AddTransient<Setup.ChatwootSetup>();
        return services;
    }

    private static void AddChatwootApi<TApi>(this IServiceCollection services, ChatwootToken token)
        where TApi : class =>
        services.AddRefitGeneratedClient<TApi>(ChatwootJsonContext.Default)
            .ConfigureHttpClient((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<ChatwootOptions>>().Value;
                if (options.BaseUrl is { } baseUrl)
                {
                    http.BaseAddress = SecureTransport.BaseAddress(baseUrl);
                }

                http.Timeout = options.RequestTimeout;
            })
            .AddAssistantTransport()
            .AddHttpMessageHandler(sp => new ChatwootTokenHandler(token, sp.GetRequiredService<IOptionsMonitor<ChatwootOptions>>()));
}
