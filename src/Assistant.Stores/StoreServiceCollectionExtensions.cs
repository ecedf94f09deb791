using Assistant.Engine.Actions;
using Assistant.Engine.Storage;
using Assistant.Engine.Store;
using Assistant.Stores.Postgres;
using Assistant.Stores.Postgres.CatalogSearch;
using Assistant.Stores.Setup;
using Assistant.Stores.Shopify;
using Assistant.Stores.WooCommerce;
using Assistant.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Stores;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The store port's adapter <c>Store__Kind</c> names: the orders and catalog the tools read. The PostgreSQL
    /// adapter is registered whatever the kind, since the demo store and <c>seed-demo</c> use its tables.
    /// </summary>
    public static IServiceCollection AddAssistantStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderLookupOptions>().BindConfiguration(OrderLookupOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ActionOptions>().BindConfiguration(ActionOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddPostgresStore(configuration);
        var kind = configuration.GetSection(StoreOptions.SectionName).GetValue<string>(nameof(StoreOptions.Kind));
        if (kind == StoreKinds.Shopify)
        {
            services.AddShopifyStore();
        }
        else if (kind == StoreKinds.WooCommerce)
        {
            services.AddWooCommerceStore();
        }
        else
        {
            services.AddHostedService<CatalogIndexRefresher>();
        }

        return services;
    }

    /// <summary><c>Store__Kind=shopify</c>: the Admin GraphQL API behind the read cache, and <c>setup shopify</c>'s check.</summary>
    public static IServiceCollection AddShopifyStore(this IServiceCollection services)
    {
        services.AddOptions<ShopifyOptions>().BindConfiguration(ShopifyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopifyOptions>, ShopifyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ShopifyShopState>();
        services.AddStoreClient<ShopifyClient, ShopifyOptions>(o => (o.BaseUrl, o.RequestTimeout));
        services.AddTransient<ShopifyStore>();
        services.AddTransient<ShopifySetup>();
        services.AddCachedStore<ShopifyStore>();
        services.Replace(ServiceDescriptor.Transient<IOrderWriter, ShopifyOrderWriter>());
        return services;
    }

    /// <summary><c>Store__Kind=woocommerce</c>: the REST API v3 behind the read cache, and <c>setup woocommerce</c>'s check.</summary>
    public static IServiceCollection AddWooCommerceStore(this IServiceCollection services)
    {
        services.AddOptions<WooCommerceOptions>().BindConfiguration(WooCommerceOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WooCommerceOptions>, WooCommerceOptionsValidator>());
        services.AddSingleton<WooCommerceShopState>();
        services.AddStoreClient<WooCommerceClient, WooCommerceOptions>(o => (o.BaseUrl, o.RequestTimeout));
        services.AddTransient<WooCommerceStore>();
        services.AddTransient<WooCommerceSetup>();
        services.AddCachedStore<WooCommerceStore>();
        services.Replace(ServiceDescriptor.Transient<IOrderWriter, WooCommerceOrderWriter>());
        return services;
    }

    /// <summary>A platform's typed HTTP client: its address and timeout from its options, the shared transport pipeline.</summary>
    private static void AddStoreClient<TClient, TOptions>(this IServiceCollection services, Func<TOptions, (Uri? BaseUrl, TimeSpan Timeout)> settings)
        where TClient : class
        where TOptions : class
    {
        services.AddHttpClient<TClient>((sp, http) =>
            {
                var (baseUrl, timeout) = settings(sp.GetRequiredService<IOptions<TOptions>>().Value);
                if (baseUrl is not null)
                {
                    http.BaseAddress = SecureTransport.BaseAddress(baseUrl);
                }

                http.Timeout = timeout;
            })
            .AddAssistantTransport();
    }

    /// <summary>A platform adapter as the port, behind <see cref="StoreReadCache"/>, replacing the PostgreSQL adapter.</summary>
    private static void AddCachedStore<TStore>(this IServiceCollection services)
        where TStore : class, IOrderStore, IProductCatalog
    {
        services.AddSingleton<StoreReadCache>();
        services.AddTransient(sp =>
        {
            var store = sp.GetRequiredService<TStore>();
            return new CachedStore(store, store, sp.GetRequiredService<StoreReadCache>());
        });
        services.Replace(ServiceDescriptor.Transient<IOrderStore>(sp => sp.GetRequiredService<CachedStore>()));
        services.Replace(ServiceDescriptor.Transient<IProductCatalog>(sp => sp.GetRequiredService<CachedStore>()));
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
        PostgresConnection.WithoutJit(connection);
        PostgresConnection.TuneForRepeatedStatements(connection, prepare: string.IsNullOrWhiteSpace(orders));
        var timeout = configuration.GetSection(OrderLookupOptions.SectionName).GetValue<TimeSpan?>(nameof(OrderLookupOptions.StatementTimeout))
            ?? new OrderLookupOptions().StatementTimeout;
        connection.CommandTimeout = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, 60);
        services.AddSingleton(_ => new ShopDatabase(NpgsqlDataSource.Create(connection.ConnectionString), ownDatabase: !string.IsNullOrWhiteSpace(orders)));
        services.AddSingleton<PostgresOrderStore>();
        services.AddSingleton<PostgresOrderWriter>();
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CatalogIndex>();
        services.AddSingleton<CatalogRanking>();
        services.AddSingleton<PostgresCatalog>();
        if (string.IsNullOrWhiteSpace(orders))
        {
            services.AddSingleton<IOrderStore>(sp => sp.GetRequiredService<PostgresOrderStore>());
            services.AddSingleton<IOrderWriter>(sp => sp.GetRequiredService<PostgresOrderWriter>());
            services.AddSingleton<IProductCatalog>(sp => sp.GetRequiredService<PostgresCatalog>());
        }
        else
        {
            services.AddSingleton(sp => new ShopDatabaseWaits(
                sp.GetRequiredService<PostgresOrderStore>(), sp.GetRequiredService<PostgresCatalog>(), sp.GetRequiredService<PostgresOrderWriter>()));
            services.AddSingleton<IOrderStore>(sp => sp.GetRequiredService<ShopDatabaseWaits>());
            services.AddSingleton<IOrderWriter>(sp => sp.GetRequiredService<ShopDatabaseWaits>());
            services.AddSingleton<IProductCatalog>(sp => sp.GetRequiredService<ShopDatabaseWaits>());
        }

        services.AddSingleton<DemoStore>();
        return services;
    }
}
