using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Core.Agent;

/// <summary>
/// Turns plugin classes into tools. Each call gets a fresh plugin instance from the turn's services, so plugins see
/// that turn's context. Semantic Kernel can host the same classes unchanged:
/// <c>KernelPluginFactory.CreateFromFunctions(name, methods.Select(m => KernelFunctionFactory.CreateFromMethod(m, instance)))</c>
/// reads the same <c>[Description]</c>s and yields the same <c>{Plugin}_{Function}</c> names.
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

    public ToolCatalog(IEnumerable<PluginRegistration> plugins)
    {
        var tools = new List<AIFunction>();
        foreach (var plugin in plugins)
        {
            if (!PluginName().IsMatch(plugin.Name))
            {
                throw new ArgumentException($"Plugin name '{plugin.Name}' must be letters and digits only.", nameof(plugins));
            }

            foreach (var method in plugin.Type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .Where(m => m.GetCustomAttribute<DescriptionAttribute>() is not null)
                         .OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                var name = $"{plugin.Name}_{FunctionName(method)}";
                if (name.Length > 64)
                {
                    throw new ArgumentException($"Tool name {name} is longer than 64 characters.", nameof(plugins));
                }

                var type = plugin.Type;
                tools.Add(AIFunctionFactory.Create(
                    method,
                    args => ActivatorUtilities.CreateInstance(args.Services ?? throw new InvalidOperationException("Tools need the turn's services."), type),
                    new AIFunctionFactoryOptions { Name = name, SerializerOptions = SerializerOptions }));
            }
        }

        Tools = tools;
    }

    public IReadOnlyList<AIFunction> Tools { get; }

    /// <summary>The method name without <c>Async</c>, as both AIFunctionFactory and Semantic Kernel name functions.</summary>
    public static string FunctionName(MethodInfo method) =>
        method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^"Async".Length] : method.Name;

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex PluginName();
}
