using System.Text.Json;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Microsoft.SemanticKernel;

namespace Assistant.Engine.Prompts;

/// <summary>
/// A loaded prompt: Semantic Kernel's <see cref="PromptTemplateConfig"/> and its compiled Handlebars template, which
/// SK renders through <see cref="IPromptTemplate"/> and the service synchronously (rendering does no I/O).
/// </summary>
public sealed partial class PromptTemplate : IPromptTemplate
{
    private readonly HandlebarsTemplate<object, object> _render;

    private PromptTemplate(PromptTemplateConfig config, HandlebarsTemplate<object, object> render)
    {
        Config = config;
        _render = render;
    }

    public PromptTemplateConfig Config { get; }

    public double? Temperature => Setting("temperature") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public int? MaxTokens => Setting("max_tokens") is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    /// <summary>Checks the config as the service needs it and compiles it; every failure names the file.</summary>
    public static PromptTemplate Parse(PromptTemplateConfig config, string file)
    {
        if (!string.Equals(config.TemplateFormat, HandlebarsPromptTemplateFactory.Format, StringComparison.OrdinalIgnoreCase))
        {
            throw new PromptException($"{file}: template_format must be handlebars.");
        }

        if (string.IsNullOrWhiteSpace(config.Template))
        {
            throw new PromptException($"{file}: template is empty.");
        }

        // Every variable the template uses must be declared, so a typo fails at start rather than rendering nothing.
        var declared = config.InputVariables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var used = VariablePattern().Matches(config.Template).Select(m => m.Groups["name"].Value).Distinct();
        var undeclared = used.Where(u => !declared.Contains(u) && u is not ("else" or "this")).ToList();
        if (undeclared.Count > 0)
        {
            throw new PromptException($"{file}: the template uses undeclared variable(s) {string.Join(", ", undeclared)}; add them to input_variables.");
        }

        try
        {
            return Compile(config);
        }
        catch (HandlebarsException ex)
        {
            throw new PromptException($"{file}: the template does not compile: {ex.Message}", ex);
        }
    }

    internal static PromptTemplate Compile(PromptTemplateConfig config)
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true, ThrowOnUnresolvedBindingExpression = false });
        return new PromptTemplate(config, handlebars.Compile(config.Template));
    }

    /// <summary>Renders with the given variables; a missing required variable is an error, not an empty string.</summary>
    public string Render(IReadOnlyDictionary<string, object?> variables)
    {
        var missing = Config.InputVariables
            .Where(v => v.IsRequired && v.Default is null && (!variables.TryGetValue(v.Name, out var value) || value is null))
            .Select(v => v.Name)
            .ToList();
        if (missing.Count > 0)
        {
            throw new PromptException($"Prompt '{Config.Name}' is missing required variable(s) {string.Join(", ", missing)}.");
        }

        var values = Config.InputVariables.Where(v => v.Default is not null).ToDictionary(v => v.Name, v => Plain(v.Default));
        foreach (var (name, value) in variables)
        {
            values[name] = value;
        }

        return _render(values).Trim();
    }

    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Render(arguments?.ToDictionary(a => a.Key, a => a.Value) ?? []));

    /// <summary>A default execution setting; SK keeps the ones it has no property for as JSON.</summary>
    private JsonElement? Setting(string name) =>
        Config.DefaultExecutionSettings?.ExtensionData?.TryGetValue(name, out var value) == true && value is JsonElement element ? element : null;

    /// <summary>Defaults read from JSON arrive as <see cref="JsonElement"/>; Handlebars wants plain values.</summary>
    private static object? Plain(object? value) => value is JsonElement element
        ? element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => element.GetDouble(),
            _ => element.GetRawText(),
        }
        : value;

    [GeneratedRegex(@"\{\{\{?\s*(?:#(?:if|unless|each|with)\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariablePattern();
}
