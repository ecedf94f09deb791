using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace Assistant.Core.Prompts;

/// <summary>A loaded prompt: its configuration and compiled Handlebars template.</summary>
public sealed partial class PromptTemplate
{
    private readonly HandlebarsTemplate<object, object> _render;

    private PromptTemplate(PromptTemplateConfig config, HandlebarsTemplate<object, object> render)
    {
        Config = config;
        _render = render;
    }

    public PromptTemplateConfig Config { get; }

    public double? Temperature => Config.ExecutionSettings.GetValueOrDefault("default")?.Temperature;

    public int? MaxTokens => Config.ExecutionSettings.GetValueOrDefault("default")?.MaxTokens;

    public static PromptTemplate Parse(PromptTemplateConfig config, string file)
    {
        if (!string.Equals(config.TemplateFormat, "handlebars", StringComparison.OrdinalIgnoreCase))
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
            var handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true, ThrowOnUnresolvedBindingExpression = false });
            return new PromptTemplate(config, handlebars.Compile(config.Template));
        }
        catch (HandlebarsException ex)
        {
            throw new PromptException($"{file}: the template does not compile: {ex.Message}", ex);
        }
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

        var values = Config.InputVariables.Where(v => v.Default is not null).ToDictionary(v => v.Name, v => v.Default);
        foreach (var (name, value) in variables)
        {
            values[name] = value;
        }

        return _render(values).Trim();
    }

    [GeneratedRegex(@"\{\{\{?\s*(?:#(?:if|unless|each|with)\s+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariablePattern();
}
