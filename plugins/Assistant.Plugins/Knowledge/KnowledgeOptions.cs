namespace Assistant.Plugins.Knowledge;

public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The folder of markdown help articles; default: <c>knowledge/</c> beside the executable.</summary>
    public string? Path { get; set; }

    public string ResolvedPath => System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(Path) ? System.IO.Path.Combine(AppContext.BaseDirectory, "knowledge") : Path);
}
