using Assistant.Engine.Contract;
using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Assistant.Plugins.Knowledge;

[Description("Answers from the store's help articles.")]
public sealed class KnowledgePlugin(KnowledgeRepository knowledge, TurnContext turn)
{
    public const string PluginName = "Knowledge";
    public const int MaxPassages = 3;

    [KernelFunction]
    [Description("Searches the help articles (shipping, returns, payment, policies). Empty: no article covers it.")]
    public async Task<IReadOnlyList<PassageView>> SearchAsync(
        [Description("The customer's question.")] string question,
        CancellationToken cancellationToken = default) =>
        [.. (await knowledge.SearchAsync(question, turn.Language, MaxPassages, cancellationToken))
            .Select(p => new PassageView(p.Article, p.Title, p.Heading, p.Text))];
}

/// <summary>A passage as the model reads it; <see cref="Article"/> is what Replies_ShowArticle takes.</summary>
public sealed record PassageView(string Article, string Title, string? Heading, string Text);
