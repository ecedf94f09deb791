using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Search;
using Assistant.Plugins.Catalog;
using Assistant.Plugins.Knowledge;
using Assistant.Plugins.Orders;

namespace Assistant.Plugins.Offline;

/// <summary>
/// Offline mode, and the fallback when the model fails: answers order status, tracking and "my orders" through the
/// same order service, renderer and locale texts as the agent, hands off a request for a person, and closes on a
/// goodbye. A product question ("do you have…", "想买…") is looked up in the catalog, other words in the help
/// articles (the best passage, quoted with its article, when it has two thirds of the question's words); what
/// neither finds is left for a human.
/// </summary>
public sealed class OfflineRouter(
    OrderService orders, CatalogService catalog, KnowledgeRepository knowledge, TurnContext turn, Microsoft.Extensions.Options.IOptionsSnapshot<Engine.Store.StoreOptions> store)
    : IFallbackResponder
{
    public async Task<bool> TryAnswerAsync(TurnContext context, IReadOnlyList<TranscriptEntry> history, CancellationToken cancellationToken)
    {
        var texts = orders.Texts;
        var intent = IntentDetector.Detect(string.Join('\n', turn.NewInputs));
        switch (intent.Kind)
        {
            case IntentKind.Human:
                turn.Plan.HandOff(new HandoffRequest(HandoffReason.CustomerRequest, "The customer asked for a person."));
                return true;
            case IntentKind.Complaint:
                // Refunds, returns, cancellations and complaints need a person's judgement and powers.
                turn.Plan.HandOff(new HandoffRequest(HandoffReason.Complaint, "The customer wants a refund, return, cancellation or has a complaint."));
                return true;
            case IntentKind.Goodbye:
                turn.Plan.ResolveConversation();
                return true;
            case IntentKind.MyOrders:
                var (list, details) = await orders.RecentAsync(5, cancellationToken);
                if (!list.Allowed && turn.ProofFormSent)
                {
                    return true;
                }

                Say(!list.Allowed ? texts["lookup.needs_verified"]
                    : list.Orders.Count == 0 ? texts["orders.none"]
                    : texts["orders.intro"] + "\n" + string.Join('\n', list.Orders.Select(o =>
                        texts.Get("orders.line", ("number", o.OrderNumber), ("date", texts.Date(o.PlacedAt)), ("status", o.StatusText), ("total", o.Total)))));
                return true;
            case IntentKind.OrderStatus or IntentKind.Tracking:
                await ShowOrderAsync(intent, cancellationToken);
                return true;
            case IntentKind.Help:
                // A proof sent on its own continues an earlier question about an order.
                if ((intent.Email ?? intent.Phone) is not null && LastOrderNumber() is { } earlier)
                {
                    await ShowOrderAsync(intent with { Kind = IntentKind.OrderStatus, OrderNumber = earlier }, cancellationToken);
                    return true;
                }

                Say(texts["offline.help"]);
                return true;
            case IntentKind.Product:
                var wanted = string.Join('\n', turn.NewInputs);
                return await TryProductsAsync(wanted, cancellationToken);
            case IntentKind.Policy:
                // A question about a policy is answered from the articles; one they do not cover goes to a person.
                return await TryArticleAsync(string.Join('\n', turn.NewInputs), cancellationToken);
            default:
                if ((intent.Email ?? intent.Phone) is not null && LastOrderNumber() is { } number)
                {
                    await ShowOrderAsync(intent with { Kind = IntentKind.OrderStatus, OrderNumber = number }, cancellationToken);
                    return true;
                }

                var words = string.Join('\n', turn.NewInputs);
                return await TryArticleAsync(words, cancellationToken);
        }
    }

    private async Task ShowOrderAsync(Intent intent, CancellationToken cancellationToken)
    {
        var texts = orders.Texts;
        var (lookup, details) = await orders.LookUpAsync(intent.OrderNumber!, intent.Email ?? ProofFromHistory(isEmail: true), intent.Phone ?? ProofFromHistory(isEmail: false), cancellationToken);
        if (lookup == OrderLookup.ProofFormSent)
        {
            return;
        }

        if (lookup.Order is null || details is null)
        {
            Say(lookup == OrderLookup.NeedsProof ? texts["lookup.needs_proof"] : texts.Get("lookup.not_found", ("number", intent.OrderNumber)));
            return;
        }

        var order = OrderReply.Of(lookup.Order, details);
        turn.Plan.Answer(intent.Kind == IntentKind.Tracking ? new TrackingReply(order) : order);
    }

    /// <summary>Quotes the passage that answers best, and links its article; never a policy in other words.</summary>
    private async Task<bool> TryArticleAsync(string words, CancellationToken cancellationToken)
    {
        if ((await knowledge.SearchAsync(words, turn.Language, 1, cancellationToken)).FirstOrDefault() is not { CoversQuestion: true } best)
        {
            return false;
        }

        Say(best.Text);
        if (Engine.Store.StoreLinks.Safe(best.Url, store.Value.AllowHttpLinks) is { } link)
        {
            turn.Plan.Answer(new ArticleReply(best.Title, best.Text, link));
        }

        return true;
    }

    private async Task<bool> TryProductsAsync(string words, CancellationToken cancellationToken)
    {
        // Without a model to judge the results, show only products named by two thirds of the customer's words:
        // "gift cards" must not bring up the gift-boxed scarves.
        var terms = SearchTerms.Of(words);
        var products = (await catalog.FindAsync(words, cancellationToken))
            .Where(p => SearchTerms.Matched(terms, $"{p.Name} {p.Description} {p.Sku}") * 3 >= terms.Count * 2).ToList();
        if (terms.Count == 0 || products.Count == 0)
        {
            return false;
        }

        turn.Plan.Answer(new ProductsReply([.. products.Select(p => new ProductOffer(p, catalog.Availability(p)))]));

        return true;
    }

    private void Say(string text) => turn.Plan.Answer(new TextReply(text));

    private string? LastOrderNumber() =>
        turn.CustomerTexts.Reverse().Select(t => IntentDetector.Detect(t).OrderNumber).FirstOrDefault(n => n is not null);

    private string? ProofFromHistory(bool isEmail) =>
        turn.CustomerTexts.Reverse().Select(IntentDetector.Detect).Select(i => isEmail ? i.Email : i.Phone).FirstOrDefault(v => v is not null);
}
