using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Assistant.Stores.Shopify;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Stores;

/// <summary>
/// Every query the Shopify adapter sends is valid against Shopify's published Admin schema of the API version it is
/// written for, checked by graphql-js (the reference validator): a field renamed or removed in that version fails here,
/// not in a shop. <c>scripts/shopify-schema.sh ensure</c> fetches both; <c>scripts/test.sh</c> runs it.
/// </summary>
public sealed class ShopifySchemaTests
{
    [Fact]
    public async Task Every_query_is_valid_against_the_published_schema_of_its_api_version()
    {
        var folder = Environment.GetEnvironmentVariable("ASSISTANT_SHOPIFY_SCHEMA");
        Assert.True(!string.IsNullOrEmpty(folder) && Directory.Exists(folder),
            "ASSISTANT_SHOPIFY_SCHEMA is not set: run the tests with scripts/test.sh, or export ASSISTANT_SHOPIFY_SCHEMA=$(scripts/shopify-schema.sh ensure).");
        var queries = typeof(ShopifyQueries).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        Assert.Equal(ShopifyQueries.All.Count, queries.Count);

        var errors = await ValidateAsync(folder!, queries);

        Assert.Equal(queries.Keys.Order(), errors.Keys.Order());
        Assert.All(errors, e => Assert.True(e.Value.Count == 0, $"{e.Key}: {string.Join("; ", e.Value)}"));
    }

    [Fact]
    public async Task A_field_the_schema_does_not_have_is_caught()
    {
        var folder = Environment.GetEnvironmentVariable("ASSISTANT_SHOPIFY_SCHEMA");
        Assert.False(string.IsNullOrEmpty(folder), "ASSISTANT_SHOPIFY_SCHEMA is not set: run the tests with scripts/test.sh.");

        var errors = await ValidateAsync(folder!, new Dictionary<string, string> { ["Old"] = "query Old { orders(first: 1) { nodes { fulfillmentStatus } } }" });

        Assert.Contains(errors["Old"], e => e.Contains("fulfillmentStatus", StringComparison.Ordinal));
    }

    private static async Task<Dictionary<string, List<string>>> ValidateAsync(string folder, Dictionary<string, string> documents)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(RepositoryPaths.Root, "scripts", "shopify-schema", "validate.mjs"), folder, ShopifyOptions.DefaultApiVersion },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(JsonSerializer.Serialize(documents));
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, error);
        return JsonSerializer.Deserialize<Dictionary<string, List<string>>>(output)!;
    }
}
