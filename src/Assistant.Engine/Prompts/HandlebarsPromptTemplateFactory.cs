using System.Diagnostics.CodeAnalysis;
using Microsoft.SemanticKernel;

namespace Assistant.Engine.Prompts;

/// <summary>
/// Semantic Kernel's <see cref="IPromptTemplateFactory"/> for the <c>handlebars</c> format, over Handlebars.Net
/// (<c>Microsoft.SemanticKernel.PromptTemplates.Handlebars</c> is not available here).
/// </summary>
internal sealed class HandlebarsPromptTemplateFactory : IPromptTemplateFactory
{
    public const string Format = "handlebars";

    public bool TryCreate(PromptTemplateConfig templateConfig, [NotNullWhen(true)] out IPromptTemplate? result)
    {
        result = string.Equals(templateConfig.TemplateFormat, Format, StringComparison.OrdinalIgnoreCase)
            ? PromptTemplate.Compile(templateConfig)
            : null;
        return result is not null;
    }
}
