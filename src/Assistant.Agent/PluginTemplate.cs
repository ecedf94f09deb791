using Assistant.Engine.Contract;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace Assistant.Agent;

/// <summary>
/// One plugin type as Semantic Kernel reflects it (function names, descriptions, parameters and their JSON schemas),
/// reflected once per process: a turn only constructs the plugin from its services and binds the functions to it.
/// Reflected per turn, the schemas and the reflection behind them were the largest share of a turn's own CPU
/// (bench/README, "Where a turn's service CPU goes").
/// </summary>
internal sealed class PluginTemplate
{
    private readonly PluginRegistration _registration;
    private readonly ObjectFactory _construct;
    private readonly IReadOnlyList<BoundFunction> _functions;

    private PluginTemplate(PluginRegistration registration, KernelPlugin described, IReadOnlyList<BoundFunction> functions)
    {
        _registration = registration;
        _construct = ActivatorUtilities.CreateFactory(registration.Type, Type.EmptyTypes);
        Described = described;
        _functions = functions;
    }

    /// <summary>The plugin's functions bound to an instance that is never constructed nor invoked: their metadata only.</summary>
    public KernelPlugin Described { get; }

    public static PluginTemplate Reflect(PluginRegistration registration)
    {
        var described = KernelPluginFactory.CreateFromObject(RuntimeHelpers.GetUninitializedObject(registration.Type), registration.Name);
        return new PluginTemplate(registration, described, [.. described.Select(f => new BoundFunction(f.UnderlyingMethod!, OptionsOf(f.Metadata)))]);
    }

    /// <summary>The plugin for one turn, made from <paramref name="turnServices"/>; null when the turn is offered none of its functions.</summary>
    public KernelPlugin? For(IServiceProvider turnServices)
    {
        var offered = _registration.Offers is { } offers
            ? [.. _functions.Where(f => offers(turnServices, f.Options.FunctionName!))]
            : _functions;
        if (offered.Count == 0)
        {
            return null;
        }

        var instance = _construct(turnServices, null);
        return KernelPluginFactory.CreateFromFunctions(_registration.Name, Described.Description,
            offered.Select(f => KernelFunctionFactory.CreateFromMethod(f.Method, instance, f.Options)));
    }

    /// <summary>
    /// The function's metadata with every schema inferred now: the metadata is shared by all turns, and a copy of a
    /// parameter keeps its inferred schema, so no turn infers one again.
    /// </summary>
    private static KernelFunctionFromMethodOptions OptionsOf(KernelFunctionMetadata metadata)
    {
        foreach (var parameter in metadata.Parameters)
        {
            _ = parameter.Schema;
        }

        _ = metadata.ReturnParameter.Schema;
        return new KernelFunctionFromMethodOptions
        {
            FunctionName = metadata.Name,
            Description = metadata.Description,
            Parameters = metadata.Parameters,
            ReturnParameter = metadata.ReturnParameter,
        };
    }

    private sealed record BoundFunction(MethodInfo Method, KernelFunctionFromMethodOptions Options);
}
