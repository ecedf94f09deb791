using Assistant.Engine.Contract;
using Assistant.Engine.Turns;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        // Each model call becomes a gen_ai span and metric (without message text: prompts carry customers' words).
        services.TryAddSingleton<IChatClient>(sp => ModelClient.Create(sp.GetRequiredService<IOptions<LlmOptions>>().Value)
            .AsBuilder().UseOpenTelemetry(sourceName: ModelClient.TelemetrySource).Build(sp));
        return services;
    }
}
