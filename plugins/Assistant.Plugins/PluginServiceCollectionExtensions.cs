using Assistant.Engine.Actions;
using Assistant.Engine.Contract;
using Assistant.Plugins.Actions;
using Assistant.Plugins.Catalog;
using Assistant.Plugins.Handoff;
using Assistant.Plugins.Knowledge;
using Assistant.Plugins.Offline;
using Assistant.Plugins.Orders;
using Assistant.Plugins.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Plugins;

public static class PluginServiceCollectionExtensions
{
    /// <summary>The agent's tools and the offline router built on them; the store they read is the store port's (<c>AddAssistantStore</c>).</summary>
    public static IServiceCollection AddAssistantPlugins(this IServiceCollection services)
    {
        services.AddSingleton<OrderLookupLimiter>();
        services.AddScoped<OrderService>();
        services.AddScoped<CatalogService>();
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName);
        services.AddSingleton<KnowledgeRepository>();
        services.AddSingleton<KnowledgeLibrary>();
        services.AddHostedService<KnowledgeWatcher>();
        services.AddScoped<IFallbackResponder, OfflineRouter>();
        services.AddSingleton<OrderActionRepository>();
        services.AddScoped<ActionProposals>();
        services.AddScoped<ActionRunner>();
        services.AddScoped<IOrderActionDesk, OrderActionDesk>();
        services.AddSingleton(ActionHistory.Timeline);
        services.AddSingleton(ActionHistory.Purge);

        services.AddSingleton(new PluginRegistration(OrdersPlugin.PluginName, typeof(OrdersPlugin)));
        services.AddSingleton(new PluginRegistration(CatalogPlugin.PluginName, typeof(CatalogPlugin)));
        services.AddSingleton(new PluginRegistration(KnowledgePlugin.PluginName, typeof(KnowledgePlugin)));
        services.AddSingleton(new PluginRegistration(RepliesPlugin.PluginName, typeof(RepliesPlugin)));
        services.AddSingleton(new PluginRegistration(HandoffPlugin.PluginName, typeof(HandoffPlugin)));
        services.AddSingleton(new PluginRegistration(ActionsPlugin.PluginName, typeof(ActionsPlugin),
            (sp, function) => sp.GetRequiredService<ActionSettings>().Current.ModeOf(ActionsPlugin.KindOf(function)) != ActionModes.Off));
        return services;
    }
}
