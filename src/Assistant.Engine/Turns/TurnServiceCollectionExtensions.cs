using Assistant.Engine.Contract;
using Assistant.Engine.Costs;
using Assistant.Engine.Hours;
using Assistant.Engine.Inbox;
using Assistant.Engine.Prompts;
using Assistant.Engine.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

public static class TurnServiceCollectionExtensions
{
    /// <summary>
    /// The turn pipeline: prompts, settings, plans and their execution, and the inbox handler that runs turns. The
    /// responder that answers a turn (the agent) and the plugins are registered by their own projects.
    /// </summary>
    public static IServiceCollection AddAssistantTurns(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>());
        services.AddOptions<Actions.ActionOptions>().BindConfiguration(Actions.ActionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Actions.ActionOptions>, Actions.ActionOptionsValidator>());
        services.AddScoped<Actions.ActionSettings>();
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>());
        services.AddOptions<BudgetOptions>().BindConfiguration(BudgetOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetOptions>, BudgetOptionsValidator>());
        services.AddSingleton<BudgetRepository>();
        services.AddOptions<BusinessHoursOptions>().BindConfiguration(BusinessHoursOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusinessHoursOptions>, BusinessHoursOptionsValidator>());
        services.AddSingleton<BusinessHours>();
        services.AddSingleton<Conversations.InboxFlags>();
        services.AddSingleton<Identity.CustomerIdentityResolver>();
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        services.AddOptions<PromptOptions>().BindConfiguration(PromptOptions.SectionName);
        services.AddSingleton<PromptLibrary>();

        services.AddSingleton<TurnRepository>();
        services.AddScoped<OwnershipGuard>();
        services.AddScoped<ActionExecutor>();
        services.AddScoped<LastResortHandoff>();
        services.AddScoped<TurnPlanner>();
        services.AddScoped<TurnDelivery>();
        services.AddScoped<TypingIndicator>();
        services.AddInboxHandler<TurnRunner>(TurnScheduler.Source);
        services.AddScoped<Lifecycle.SilenceWatchdog>();
        services.AddScoped<Lifecycle.LifecycleTurns>();
        services.AddSingleton<Lifecycle.CsatPolicy>();
        services.AddInboxHandler<Lifecycle.TimerHandler>(Lifecycle.LifecycleTimers.Source);
        services.AddScoped<TurnContext>();
        return services;
    }
}
