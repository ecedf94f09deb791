using Assistant.Engine.Contract;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Agent;
using Assistant.Plugins;
using Assistant.Plugins.Orders;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Agent;

public sealed class ToolCatalogTests
{
    private static readonly string SnapshotPath = Path.Combine(RepositoryPaths.Root, "tests", "Assistant.Tests", "Agent", "ToolSchemas.snapshot.json");

    /// <summary>
    /// Every tool's name, description and JSON schema, as the model sees them. A change shows up in review as a change
    /// of the snapshot file: run the tests with UPDATE_SNAPSHOTS=1 to rewrite it, then read the diff.
    /// </summary>
    [Fact]
    public void Tool_names_descriptions_and_schemas_match_the_snapshot()
    {
        // Every plugin the service registers, so a new tool cannot miss the snapshot.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = "Host=localhost;Database=snapshot" }).Build();
        var registered = new ServiceCollection().AddAssistantPlugins().BuildServiceProvider().GetServices<PluginRegistration>();
        var catalog = new ToolCatalog([.. registered]);
        var actual = new JsonArray([.. catalog.Describe().Select(t => (JsonNode)new JsonObject
        {
            ["name"] = t.Name,
            ["description"] = t.Description,
            ["schema"] = JsonNode.Parse(t.Schema.GetRawText()),
        })]).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(SnapshotPath, actual);
        }

        Assert.True(File.Exists(SnapshotPath), $"{SnapshotPath} is missing: run the tests once with UPDATE_SNAPSHOTS=1.");
        Assert.Equal(File.ReadAllText(SnapshotPath).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Tools_are_named_plugin_underscore_function_without_async()
    {
        var catalog = new ToolCatalog([new PluginRegistration(OrdersPlugin.PluginName, typeof(OrdersPlugin))]);

        Assert.Equal(["Orders_GetOrder", "Orders_ListRecentOrders"], catalog.Describe().Select(t => t.Name));
    }

    [Fact]
    public void Plugin_names_must_be_letters_and_digits()
    {
        Assert.Throws<ArgumentException>(() => new ToolCatalog([new PluginRegistration("Order_s", typeof(OrdersPlugin))]));
    }

    [Fact]
    public void A_function_its_registration_does_not_offer_is_left_out_and_a_plugin_left_empty_goes()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var catalog = new ToolCatalog(
        [
            new PluginRegistration("Two", typeof(TwoTools), (_, function) => function == "First"),
            new PluginRegistration("None", typeof(TwoTools), (_, _) => false),
        ]);

        var plugins = catalog.PluginsFor(services);

        var plugin = Assert.Single(plugins);
        Assert.Equal(["First"], plugin.Select(f => f.Name));
    }

    [Fact]
    public async Task Each_turn_calls_a_plugin_made_from_its_own_services()
    {
        var catalog = new ToolCatalog([new PluginRegistration("Turn", typeof(TurnTools))]);
        var services = new ServiceCollection().AddScoped<TurnMarker>().BuildServiceProvider();
        using var first = services.CreateScope();
        using var second = services.CreateScope();
        first.ServiceProvider.GetRequiredService<TurnMarker>().Value = "first turn";
        second.ServiceProvider.GetRequiredService<TurnMarker>().Value = "second turn";

        var firstPlugin = Assert.Single(catalog.PluginsFor(first.ServiceProvider));
        var secondPlugin = Assert.Single(catalog.PluginsFor(second.ServiceProvider));

        var kernel = new Microsoft.SemanticKernel.Kernel();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal("first turn: shoes", (await firstPlugin["Echo"].InvokeAsync(kernel, new() { ["text"] = "shoes" }, ct)).GetValue<string>());
        Assert.Equal("second turn: boots", (await secondPlugin["Echo"].InvokeAsync(kernel, new() { ["text"] = "boots" }, ct)).GetValue<string>());
    }

    [Fact]
    public void Parameter_schemas_are_inferred_once_and_shared_by_every_turn()
    {
        var catalog = new ToolCatalog([new PluginRegistration("Turn", typeof(TurnTools))]);
        var services = new ServiceCollection().AddScoped<TurnMarker>().BuildServiceProvider();
        using var first = services.CreateScope();
        using var second = services.CreateScope();

        var firstSchema = Assert.Single(catalog.PluginsFor(first.ServiceProvider))["Echo"].Metadata.Parameters[0].Schema;
        var secondSchema = Assert.Single(catalog.PluginsFor(second.ServiceProvider))["Echo"].Metadata.Parameters[0].Schema;

        Assert.NotNull(firstSchema);
        Assert.Same(firstSchema, secondSchema);
    }

    public sealed class TurnMarker
    {
        public string Value { get; set; } = string.Empty;
    }

    public sealed class TurnTools(TurnMarker marker)
    {
        [Microsoft.SemanticKernel.KernelFunction, System.ComponentModel.Description("Echoes the text with the turn's marker.")]
        public string Echo([System.ComponentModel.Description("Any text.")] string text) => $"{marker.Value}: {text}";
    }

    public sealed class TwoTools
    {
        [Microsoft.SemanticKernel.KernelFunction]
        public string First() => "first";

        [Microsoft.SemanticKernel.KernelFunction]
        public string Second() => "second";
    }
}
