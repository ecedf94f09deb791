using Assistant.Engine.Storage;
using Assistant.Engine.Turns;
using Assistant.Plugins.Catalog;
using Assistant.Plugins.Handoff;
using Assistant.Plugins.Knowledge;
using Assistant.Plugins.Offline;
using Assistant.Plugins.Orders;
using Assistant.Plugins.Replies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Assistant.Plugins;

public static class PluginServiceCollectionExtensions
{
    /// <summary>The agent's tools, the order database they read, and the offline router built on them.</summary>
    public static IServiceCollection AddAssistantPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        var orders = configuration.GetConnectionString("Orders");
        var connection = string.IsNullOrWhiteSpace(orders)
            ? PostgresConnection.Parse(configuration.GetConnectionString("Postgres"), PostgresConnection.StateSetting)
            : PostgresConnection.Parse(orders, PostgresConnection.OrdersSetting);
        connection.ApplicationName ??= "assistant-orders";
        var timeout = configuration.GetSection(OrderLookupOptions.SectionName).GetValue<TimeSpan?>(nameof(OrderLookupOptions.StatementTimeout))
            ?? new OrderLookupOptions().StatementTimeout;
        connection.CommandTimeout = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, 60);
        services.AddSingleton(_ => new ShopDatabase(NpgsqlDataSource.Create(connection.ConnectionString)));
        services.AddSingleton<ShopRepository>();
        services.AddOptions<OrderLookupOptions>().BindConfiguration(OrderLookupOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OrderLookupLimiter>();
        services.AddScoped<OrderService>();
        services.AddSingleton<DemoStore>();
        services.AddSingleton<CatalogRepository>();
        services.AddScoped<CatalogService>();
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName);
        services.AddSingleton<KnowledgeRepository>();
        services.AddSingleton<KnowledgeLibrary>();
        services.AddHostedService<KnowledgeWatcher>();
        services.AddScoped<IFallbackResponder, OfflineRouter>();

        services.AddSingleton(new PluginRegistration(OrdersPlugin.PluginName, typeof(OrdersPlugin)));
        services.AddSingleton(new PluginRegistration(CatalogPlugin.PluginName, typeof(CatalogPlugin)));
        services.AddSingleton(new PluginRegistration(KnowledgePlugin.PluginName, typeof(KnowledgePlugin)));
        services.AddSingleton(new PluginRegistration(RepliesPlugin.PluginName, typeof(RepliesPlugin)));
        services.AddSingleton(new PluginRegistration(HandoffPlugin.PluginName, typeof(HandoffPlugin)));
        return services;
    }
}
