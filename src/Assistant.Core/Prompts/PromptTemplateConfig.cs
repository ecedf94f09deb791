namespace Assistant.Core.Prompts;

/// <summary>Semantic Kernel's prompt YAML (<c>PromptTemplateConfig</c>), the parts this service reads.</summary>
public sealed class PromptTemplateConfig
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string TemplateFormat { get; set; } = "handlebars";

    public string Template { get; set; } = string.Empty;

    public List<InputVariable> InputVariables { get; set; } = [];

    public Dictionary<string, ModelSettings> ExecutionSettings { get; set; } = [];

    public sealed class InputVariable
    {
        public string Name { get; set; } = string.Empty;

        public string? Description { get; set; }

        public bool IsRequired { get; set; } = true;

        public object? Default { get; set; }
    }

    public sealed class ModelSettings
    {
        public double? Temperature { get; set; }

        public int? MaxTokens { get; set; }

        public string? ModelId { get; set; }
    }
}
