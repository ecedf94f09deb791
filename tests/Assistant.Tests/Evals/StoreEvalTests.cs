using Assistant.Operations.Evals;
using Assistant.Stores.Postgres;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Infrastructure.Shopify;
using Assistant.Tests.Infrastructure.WooCommerce;
using Assistant.Tests.Stores;
using Assistant.Tests.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Evals;

/// <summary>
/// The shipped scenarios, unchanged, against the demo store on each platform's fake: the same conversations give the
/// same answers whatever the store runs on. The one mapping is the shop's own: a signed-in customer is known by the
/// platform's customer id, which the shop's page signs, so the demo's <c>cus_jane</c> is Shopify's or WooCommerce's 1.
/// </summary>
public sealed class StoreEvalTests : ConversationTestBase
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Prompts, "evals");

    public static TheoryData<string, string> Runs =>
        [.. EvalRunner.Load(Folder).SelectMany(s => new[] { "shopify", "woocommerce" }.Select(kind => (s.Name, kind)))];

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Shipped_scenario_passes_against_the_platforms_fake_store(string name, string kind)
    {
        // Arrange
        var shop = await DemoShop.ReadAsync(new ShopDatabase(Database.DataSource));
        var scenario = EvalRunner.Load(Folder).Single(s => s.Name == name);
        if (shop.Customers.FirstOrDefault(c => c.ExternalId == scenario.Customer.Identifier) is { } customer)
        {
            scenario.Customer.Identifier = customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var rounds = EvalRunnerTests.Script(OpenAI, scenario);
        await using var shopify = new FakeShopify();
        await using var woo = new FakeWooCommerce();
        shop.FillShopify(shopify);
        shop.FillWooCommerce(woo);
        await StartServerAsync(withLlm: true, s =>
        {
            s["Store:Kind"] = kind;
            s["Shopify:ShopDomain"] = shopify.BaseUrl.ToString();
            s["Shopify:AccessToken"] = FakeShopify.AccessToken;
            s["Shopify:AllowPlainHttp"] = "true";
            s["WooCommerce:SiteUrl"] = woo.BaseUrl.ToString();
            s["WooCommerce:ConsumerKey"] = FakeWooCommerce.ConsumerKey;
            s["WooCommerce:ConsumerSecret"] = FakeWooCommerce.ConsumerSecret;
            s["WooCommerce:AllowPlainHttp"] = "true";
            s["WooCommerce:Languages"] = DemoShop.WooCommerceLanguages;
        });

        // Act
        var result = await Server.Services.GetRequiredService<EvalRunner>().RunAsync(scenario, Token);

        // Assert
        Assert.True(result.Passed, string.Join("; ", result.Turns.SelectMany(t => t.Failures)));
        Assert.Equal(rounds.Count, OpenAI.Completions.Count);
        // What bench/run.sh store-calls tabulates: the platform's API calls the scenario cost.
        var calls = kind == "shopify" ? shopify.Queries.Count : woo.Calls.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"store-calls\t{kind}\t{name}\t{scenario.Turns.Count}\t{calls}");
    }
}
