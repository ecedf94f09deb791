using System.ComponentModel;
using Assistant.Engine.Contract;
using Assistant.Engine.Gate;
using Assistant.Engine.Prompts;
using Assistant.Engine.Telemetry;
using Assistant.Plugins.Catalog;
using Assistant.Plugins.Knowledge;
using Assistant.Plugins.Orders;
using Microsoft.SemanticKernel;

namespace Assistant.Plugins.Replies;

[Description("Shows things to the customer in the best form their channel allows.")]
public sealed class RepliesPlugin(
    OrderService orders, CatalogService catalog, KnowledgeRepository knowledge, PromptLibrary prompts, TurnContext turn,
    Microsoft.Extensions.Options.IOptionsSnapshot<Engine.Store.StoreOptions> store)
{
    public const string PluginName = "Replies";

    [KernelFunction]
    [Description("Shows an order to the customer (a card on website chat, text elsewhere). Proof rules as Orders_GetOrder. Returns whether it was shown.")]
    public async Task<ShowResult> ShowOrderAsync(
        [Description("Order number, e.g. 1042.")] string orderNumber,
        [Description("Email the customer wrote, if any.")] string? email = null,
        [Description("Phone number the customer wrote, if any.")] string? phone = null,
        CancellationToken cancellationToken = default)
    {
        var (lookup, details) = await orders.LookUpAsync(orderNumber, email, phone, cancellationToken);
        if (lookup.Order is null || details is null)
        {
            return new ShowResult(false, lookup.Problem);
        }

        turn.Plan.Answer(OrderReply.Of(lookup.Order, details));

        return new ShowResult(true, null);
    }

    [KernelFunction]
    [Description("Shows 1-5 products by SKU (cards on website chat, a list elsewhere). Returns whether shown.")]
    public async Task<ShowResult> ShowProductsAsync(string[] skus, CancellationToken cancellationToken = default)
    {
        var products = await catalog.RowsAsync(skus, cancellationToken);
        if (products.Count == 0)
        {
            return new ShowResult(false, "None of these SKUs is in the catalog; search for the products first.");
        }

        turn.Plan.Answer(new ProductsReply([.. products.Select(p => new ProductOffer(p, catalog.Availability(p)))]));

        return new ShowResult(true, products.Count < skus.Length ? "Some SKUs are not in the catalog and were left out." : null);
    }

    [KernelFunction]
    [Description("Shows a help article (the article of a Knowledge_Search passage) as a link to read more.")]
    public async Task<ShowResult> ShowArticleAsync(string article, CancellationToken cancellationToken = default)
    {
        if (await knowledge.GetAsync(article, cancellationToken) is not { } stored
            || Engine.Store.StoreLinks.Safe(stored.Url, store.Value.AllowHttpLinks) is not { } link)
        {
            return new ShowResult(false, "That article has no link to show; answer from its passages.");
        }

        turn.Plan.Answer(new ArticleReply(stored.Title, stored.FirstPassage, link));

        return new ShowResult(true, null);
    }

    [KernelFunction]
    [Description("Asks a question with 2-10 choices (buttons where the channel has them, else a numbered list).")]
    public ShowResult OfferChoices(
        [Description("The question.")] string question,
        [Description("Short labels, at most 20 characters each.")] string[] choices)
    {
        var usable = choices.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().Take(10).ToList();
        if (string.IsNullOrWhiteSpace(question) || usable.Count < 2)
        {
            return new ShowResult(false, "Give a question and at least two choices.");
        }

        // The question and the labels are the model's words the customer reads, like its answer: the same gate applies.
        var verdict = ReplyGate.Check(string.Join('\n', [question, .. usable]),
            new GateInput(turn.Conversation.Channel, null, turn.Facts, store.Value.LinkDomainList), prompts.Current.Guardrails);
        GateTelemetry.Record(verdict);
        if (!verdict.Passed)
        {
            return new ShowResult(false, $"Not shown: it {verdict.Reasons}. Offer choices without that, or answer in text.");
        }

        turn.Plan.Answer(new ChoicesReply(question, [.. usable.Select(c => new ReplyChoice(c, c))]));

        return new ShowResult(true, null);
    }
}

public sealed record ShowResult(bool Shown, string? Problem);
