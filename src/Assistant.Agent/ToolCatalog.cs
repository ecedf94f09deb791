using Assistant.Engine.Contract;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Assistant.Agent;

/// <summary>
/// The agent's plugins as Semantic Kernel hosts them: each turn gets its own instances, made in the turn's DI scope,
/// so they see that turn's context; their metadata is reflected once (<see cref="PluginTemplate"/>). On the wire a
/// tool is <c>{Plugin}_{Function}</c>.
/// </summary>
public sealed partial class ToolCatalog
{
    /// <summary>Tool results as the model reads them: camelCase, enums as text, nulls left out.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private readonly IReadOnlyList<PluginTemplate> _plugins;

    public ToolCatalog(IEnumerable<PluginRegistration> plugins)
    {
        var registrations = plugins.ToList();
        foreach (var plugin in registrations.Where(p => !PluginName().IsMatch(p.Name)))
        {
            throw new ArgumentException($"Plugin name '{plugin.Name}' must be letters and digits only.", nameof(plugins));
        }

        _plugins = [.. registrations.Select(PluginTemplate.Reflect)];
        foreach (var name in _plugins.SelectMany(p => p.Described).Select(ToolGuardFilter.ToolName).Where(n => n.Length > 64))
        {
            throw new ArgumentException($"Tool name {name} is longer than 64 characters.", nameof(plugins));
        }
    }

    /// <summary>The plugins for one turn, their instances made from <paramref name="turnServices"/>.</summary>
    public IReadOnlyList<KernelPlugin> PluginsFor(IServiceProvider turnServices) =>
        [.. _plugins.Select(p => p.For(turnServices)).OfType<KernelPlugin>()];

    /// <summary>
    /// Every tool as the model is told of it (name, description, JSON schema), ordered by name. Made from plugin
    /// objects that are never constructed nor invoked: this lists schemas only.
    /// </summary>
    public IReadOnlyList<ToolDescription> Describe() =>
        [.. _plugins.SelectMany(p => p.Described)
            .Select(f => new ToolDescription(ToolGuardFilter.ToolName(f), f.Description, WireSchema(f)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>A function's parameters exactly as the OpenAI connector sends them (<c>ToFunctionDefinition</c>).</summary>
    private static JsonElement WireSchema(KernelFunction function)
    {
        using var schema = JsonDocument.Parse(function.Metadata.ToOpenAIFunction().ToFunctionDefinition(allowStrictSchemaAdherence: false).FunctionParameters.ToMemory());
        return schema.RootElement.Clone();
    }

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex PluginName();
}

/// <summary>A tool as the model is told of it.</summary>
public sealed record ToolDescription(string Name, string Description, JsonElement Schema);
