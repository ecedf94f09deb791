using Assistant.Core.Inbox;
using Assistant.Core.Prompts;
using Assistant.Core.Store;
using Assistant.Core.Turns;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Core.Agent;

public static class AgentServiceCollectionExtensions
{
    /// <summary>Prompts, the turn pipeline and the LLM agent. Plugins and the fallback responder are registered by the plugins project.</summary>
    public static IServiceCollection AddAssistantAgent(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName);
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.AddOptions<PromptOptions>().BindConfiguration(PromptOptions.SectionName);
        services.AddSingleton<PromptLibrary>();

        services.AddSingleton<TurnRepository>();
        services.AddScoped<OwnershipGuard>();
        services.AddScoped<ActionExecutor>();
        services.AddScoped<LastResortHandoff>();
        services.AddInboxHandler<TurnRunner>(TurnScheduler.Source);
        services.AddScoped<TurnContext>();
        services.AddScoped<ITurnResponder, AgentResponder>();
        services.AddScoped<ShoppingAgent>();
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<Evals.EvalRunner>();
        services.AddSingleton<AgentRun>();
        services.TryAddSingleton<IChatClient>(sp => ModelClient.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value));
        return services;
    }
}
