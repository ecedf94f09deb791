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

    public sealed class TwoTools
    {
        [Microsoft.SemanticKernel.KernelFunction]
        public string First() => "first";

        [Microsoft.SemanticKernel.KernelFunction]
        public string Second() => "second";
    }
}
