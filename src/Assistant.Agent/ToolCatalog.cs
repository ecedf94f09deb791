using Assistant.Engine.Contract;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Assistant.Agent;

/// <summary>
/// The agent's plugins as Semantic Kernel hosts them: each turn gets its own instances, made in the turn's DI scope by
/// <see cref="KernelPluginFactory"/>, so they see that turn's context. On the wire a tool is <c>{Plugin}_{Function}</c>.
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

    private readonly IReadOnlyList<PluginRegistration> _plugins;

    // Each plugin's function names, read once: a plugin whose registration offers none of them this turn is not built.
    private readonly Dictionary<PluginRegistration, string[]> _functions = [];

    public ToolCatalog(IEnumerable<PluginRegistration> plugins)
    {
        _plugins = [.. plugins];
        foreach (var plugin in _plugins)
        {
            if (!PluginName().IsMatch(plugin.Name))
            {
                throw new ArgumentException($"Plugin name '{plugin.Name}' must be letters and digits only.", nameof(plugins));
            }

            _functions[plugin] = [.. plugin.Type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<KernelFunctionAttribute>() is not null).Select(FunctionName)];
            foreach (var function in _functions[plugin])
            {
                var name = $"{plugin.Name}_{function}";
                if (name.Length > 64)
                {
                    throw new ArgumentException($"Tool name {name} is longer than 64 characters.", nameof(plugins));
                }
            }
        }
    }

    /// <summary>The plugins for one turn, their instances made from <paramref name="turnServices"/>.</summary>
    public IReadOnlyList<KernelPlugin> PluginsFor(IServiceProvider turnServices) =>
        [.. _plugins.Where(p => p.Offers is not { } offers || _functions[p].Any(f => offers(turnServices, f)))
            .Select(p => Offered(p, KernelPluginFactory.CreateFromType(p.Type, p.Name, turnServices), turnServices))];

    private static KernelPlugin Offered(PluginRegistration registration, KernelPlugin plugin, IServiceProvider turnServices) =>
        registration.Offers is { } offers
            ? KernelPluginFactory.CreateFromFunctions(plugin.Name, plugin.Description, plugin.Where(f => offers(turnServices, f.Name)))
            : plugin;

    /// <summary>
    /// Every tool as the model is told of it (name, description, JSON schema), ordered by name. Made from plugin
    /// objects that are never constructed nor invoked: this lists schemas only.
    /// </summary>
    public IReadOnlyList<ToolDescription> Describe() =>
        [.. _plugins.Select(p => KernelPluginFactory.CreateFromObject(RuntimeHelpers.GetUninitializedObject(p.Type), p.Name))
            .SelectMany(plugin => plugin.Select(f => new ToolDescription(ToolGuardFilter.ToolName(f), f.Description, WireSchema(f))))
            .OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>A function's parameters exactly as the OpenAI connector sends them (<c>ToFunctionDefinition</c>).</summary>
    private static JsonElement WireSchema(KernelFunction function)
    {
        using var schema = JsonDocument.Parse(function.Metadata.ToOpenAIFunction().ToFunctionDefinition(allowStrictSchemaAdherence: false).FunctionParameters.ToMemory());
        return schema.RootElement.Clone();
    }

    /// <summary>The method name without <c>Async</c>, as Semantic Kernel names functions.</summary>
    public static string FunctionName(MethodInfo method) =>
        method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^"Async".Length] : method.Name;

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex PluginName();
}

/// <summary>A tool as the model is told of it.</summary>
public sealed record ToolDescription(string Name, string Description, JsonElement Schema);
