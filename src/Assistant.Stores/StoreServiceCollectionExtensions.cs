using Assistant.Engine.Storage;
using Assistant.Engine.Store;
using Assistant.Stores.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Assistant.Stores;

public static class StoreServiceCollectionExtensions
{
    /// <summary>The store port's adapter <c>Store__Kind</c> names: the orders and catalog the tools read.</summary>
    public static IServiceCollection AddAssistantStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderLookupOptions>().BindConfiguration(OrderLookupOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services.AddPostgresStore(configuration);
    }

    /// <summary>
    /// <c>Store__Kind=postgres</c>: the <c>shop</c> tables or views on <c>ConnectionStrings__Orders</c> (the state
    /// database when unset), each query bounded by <c>Orders__StatementTimeout</c>; and the demo store that fills them.
    /// </summary>
    private static IServiceCollection AddPostgresStore(this IServiceCollection services, IConfiguration configuration)
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
        services.AddSingleton<IOrderStore, PostgresOrderStore>();
        services.AddSingleton<IProductCatalog, PostgresCatalog>();
        services.AddSingleton<DemoStore>();
        return services;
    }
}
