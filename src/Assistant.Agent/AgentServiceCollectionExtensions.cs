using Assistant.Engine.Contract;
using Assistant.Engine.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Assistant.Agent;

public static class AgentServiceCollectionExtensions
{
    /// <summary>The LLM agent that answers turns: the model client, the per-turn kernel, its tools and filters.</summary>
    public static IServiceCollection AddAssistantAgent(this IServiceCollection services)
    {
        services.AddScoped<ITurnResponder, AgentResponder>();
        services.AddScoped<ShoppingAgent>();
        services.AddScoped<IFollowUpWriter, FollowUpWriter>();
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<AgentRun>();
        services.TryAddSingleton<IChatCompletionService>(sp =>
            ModelClient.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
