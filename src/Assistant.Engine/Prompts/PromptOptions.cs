namespace Assistant.Engine.Prompts;

public sealed class PromptOptions
{
    public const string SectionName = "Assistant";

    /// <summary>The prompts folder; default: <c>prompts/</c> beside the executable.</summary>
    public string? PromptsPath { get; set; }

    public string ResolvedPath => Path.GetFullPath(string.IsNullOrWhiteSpace(PromptsPath) ? Path.Combine(AppContext.BaseDirectory, "prompts") : PromptsPath);
}
