using Assistant.Host.Cli;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Host;

public sealed class ConfigurationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("Chatwoot:BaseUrl", "Chatwoot__BaseUrl is required")]
    [InlineData("Chatwoot:BotToken", "Chatwoot__BotToken is required")]
    [InlineData("Chatwoot:WebhookSecret", "Chatwoot__WebhookSecret is required")]
    public async Task Missing_setting_stops_start_up_with_a_message_naming_it(string setting, string message)
    {
        var settings = AssistantServer.DefaultSettings(_database, new Uri("http://127.0.0.1:9"));
        settings[setting] = null;

        var problems = await StartupProblemsAsync(settings);

        Assert.Contains(problems, p => p.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unsigned_webhooks_are_allowed_only_by_the_explicit_development_setting()
    {
        var settings = AssistantServer.DefaultSettings(_database, new Uri("http://127.0.0.1:9"));
        settings["Chatwoot:WebhookSecret"] = null;
        settings["Chatwoot:AllowUnsignedWebhooks"] = "true";

        Assert.Empty(await StartupProblemsAsync(settings));
    }

    [Fact]
    public async Task Malformed_connection_string_names_the_setting_and_hides_the_password()
    {
        var settings = AssistantServer.DefaultSettings(_database, new Uri("http://127.0.0.1:9"));
        settings["ConnectionStrings:Postgres"] = "Host=localhost;Password=hunter2;Bogus Keyword=1";

        var problems = await StartupProblemsAsync(settings);

        var problem = Assert.Single(problems);
        Assert.StartsWith("ConnectionStrings__Postgres is not a valid PostgreSQL connection string", problem);
        Assert.DoesNotContain("hunter2", problem);
    }

    [Fact]
    public async Task Invalid_inbox_setting_is_named()
    {
        var settings = AssistantServer.DefaultSettings(_database, new Uri("http://127.0.0.1:9"));
        settings["Inbox:Workers"] = "0";

        var problems = await StartupProblemsAsync(settings);

        Assert.Contains(problems, p => p.Contains("Workers", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Store:Kind", "magento", "Store__Kind must be one of postgres, shopify, woocommerce")]
    [InlineData("Shopify:ShopDomain", null, "Shopify__ShopDomain is required with Store__Kind=shopify")]
    [InlineData("Shopify:ShopDomain", "http://acme.myshopify.com", "Shopify__ShopDomain")]
    [InlineData("Shopify:AccessToken", null, "Shopify__AccessToken is required with Store__Kind=shopify")]
    [InlineData("Shopify:ApiVersion", "2026-11", "Shopify__ApiVersion must be a version such as")]
    public async Task A_store_setting_that_cannot_work_stops_start_up_naming_it(string setting, string? value, string message)
    {
        var settings = AssistantServer.DefaultSettings(_database, new Uri("http://127.0.0.1:9"));
        settings["Store:Kind"] = "shopify";
        settings["Shopify:ShopDomain"] = "acme.myshopify.com";
        settings["Shopify:AccessToken"] = "shpat_0123456789abcdef0123456789abcdef";
        settings[setting] = value;

        var problems = await StartupProblemsAsync(settings);

        Assert.Contains(problems, p => p.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("shpat_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("WooCommerce:SiteUrl", null, "WooCommerce__SiteUrl is required with Store__Kind=woocommerce")]
    [InlineData("WooCommerce:SiteUrl", "http://shop.example.com", "WooCommerce__SiteUrl uses http://")]
    [InlineData("WooCommerce:ConsumerSecret", null, "WooCommerce__ConsumerKey and WooCommerce__ConsumerSecret are required")]
    [InlineData("WooCommerce:Languages", "zh-CN=zh-hans", "WooCommerce__Languages must be locale:code pairs")]
    public async Task A_woocommerce_setting_that_cannot_work_stops_start_up_naming_it(string setting, string? value, string message)
    {
        var settings = AssistantServer.DefaultSettings(_database, new Uri("http://127.0.0.1:9"));
        settings["Store:Kind"] = "woocommerce";
        settings["WooCommerce:SiteUrl"] = "https://shop.example.com";
        settings["WooCommerce:ConsumerKey"] = "ck_0123456789abcdef0123456789abcdef01234567";
        settings["WooCommerce:ConsumerSecret"] = "cs_0123456789abcdef0123456789abcdef01234567";
        settings[setting] = value;

        var problems = await StartupProblemsAsync(settings);

        Assert.Contains(problems, p => p.StartsWith(message, StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("cs_0123", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Actions:Cancel", "yes", "Actions__Cancel must be off, approval or auto")]
    [InlineData("Actions:ApproveLabel", "Approve Action", "Actions__ApproveLabel must be a Chatwoot label")]
    [InlineData("Actions:RejectLabel", "approve-action", "Actions__ApproveLabel and Actions__RejectLabel must differ")]
    [InlineData("Actions:ReturnWindowDays", "400", "The field ReturnWindowDays must be between 0 and 365")]
    [InlineData("Actions:ConfirmWithin", "00:00:10", "The field ConfirmWithin must be between")]
    public async Task An_order_action_setting_that_cannot_work_stops_start_up_naming_it(string setting, string value, string message)
    {
        var settings = AssistantServer.DefaultSettings(_database, new Uri("http://127.0.0.1:9"));
        settings[setting] = value;

        var problems = await StartupProblemsAsync(settings);

        Assert.Contains(problems, p => p.Contains(message, StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> StartupProblemsAsync(Dictionary<string, string?> settings)
    {
        try
        {
            await using var server = await AssistantServer.StartAsync(settings);
            return [];
        }
        catch (Exception ex)
        {
            var problems = AssistantCli.ConfigurationProblems(ex);
            Assert.NotEmpty(problems);
            return problems;
        }
    }
}
