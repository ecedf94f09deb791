using Assistant.Engine.Store;
using Assistant.Stores;
using Assistant.Tests.Infrastructure.Shopify;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Stores;

public sealed class ShopifyConformanceTests : StoreConformanceTests
{
    private FakeShopify? _shopify;
    private ServiceProvider? _services;

    protected override Task<(IOrderStore Orders, IProductCatalog Catalog)> AdapterAsync(DemoShop shop)
    {
        _shopify ??= new FakeShopify();
        shop.FillShopify(_shopify);
        _services ??= ShopifyAdapter.Services(_shopify);
        return Task.FromResult(_services.Port());
    }

    public override async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_shopify is not null)
        {
            await _shopify.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>The store port as the service registers it for a <c>Store__Kind</c> (cache and HTTP pipeline included), without the host.</summary>
public static class StoreAdapter
{
    public static ServiceProvider Services(Dictionary<string, string?> settings, Action<Dictionary<string, string?>>? configure = null)
    {
        settings["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused;Username=unused";
        settings["Http:BaseDelay"] = "00:00:00.010";
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName);
        // The state database the service always has (the PostgreSQL catalog's search index lives there); never opened here.
        services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(configuration.GetConnectionString("Postgres")!));
        services.AddAssistantStore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static (IOrderStore Orders, IProductCatalog Catalog) Port(this ServiceProvider services) =>
        (services.GetRequiredService<IOrderStore>(), services.GetRequiredService<IProductCatalog>());
}

/// <summary><c>Store__Kind=shopify</c> pointed at a fake shop.</summary>
public static class ShopifyAdapter
{
    public static ServiceProvider Services(FakeShopify shopify, Action<Dictionary<string, string?>>? configure = null) => StoreAdapter.Services(new()
    {
        ["Store:Kind"] = "shopify",
        ["Shopify:ShopDomain"] = shopify.BaseUrl.ToString(),
        ["Shopify:AllowPlainHttp"] = "true",
        ["Shopify:AccessToken"] = FakeShopify.AccessToken,
    }, configure);
}
