using Microsoft.SemanticKernel;

namespace Assistant.Engine.Prompts;

/// <summary>Reads and validates the prompts folder; every failure names the file and what is wrong.</summary>
internal static class PromptLoader
{
    public const string AssistantFile = "assistant.yaml";
    public const string HandoffSummaryFile = "handoff-summary.yaml";
    public const string FollowUpFile = "follow-up.yaml";

    /// <summary>The variables <c>assistant.yaml</c> must declare: the service always supplies them.</summary>
    public static readonly IReadOnlyList<string> AssistantVariables =
        ["store_name", "customer_name", "channel", "language", "verified", "now"];

    public static PromptSet Load(string folder)
    {
        var assistant = LoadTemplate(Path.Combine(folder, AssistantFile));
        var missing = AssistantVariables.Where(v => assistant.Config.InputVariables.All(i => i.Name != v)).ToList();
        if (missing.Count > 0)
        {
            throw new PromptException($"{AssistantFile} must declare input variable(s) {string.Join(", ", missing)}.");
        }

        var summary = LoadTemplate(Path.Combine(folder, HandoffSummaryFile));
        var guardrails = Gate.Guardrails.Load(Path.Combine(folder, Gate.Guardrails.FileName));
        // Optional, so a prompts folder made before follow-ups existed still loads.
        var followUpFile = Path.Combine(folder, FollowUpFile);
        var followUp = File.Exists(followUpFile) ? LoadTemplate(followUpFile) : null;
        return new PromptSet(assistant, summary, LocaleCatalog.Load(Path.Combine(folder, "locales")), guardrails, DateTimeOffset.UtcNow, followUp);
    }

    public static PromptTemplate LoadTemplate(string file)
    {
        if (!File.Exists(file))
        {
            throw new PromptException($"{file} does not exist (Assistant__PromptsPath points at the prompts folder).");
        }

        PromptTemplateConfig config;
        try
        {
            config = YamlPromptConfig.Parse(File.ReadAllText(file));
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or System.Text.Json.JsonException or ArgumentException or InvalidCastException)
        {
            throw new PromptException($"{file} is not a valid prompt file: {ex.Message}", ex);
        }

        return PromptTemplate.Parse(config, file);
    }
}
