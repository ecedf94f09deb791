using System.ComponentModel;
using Assistant.Core.Chatwoot.Channels;
using Assistant.Core.Turns;
using Assistant.Plugins.Orders;

namespace Assistant.Plugins.Replies;

[Description("Shows things to the customer in the best form their channel allows.")]
public sealed class RepliesPlugin(OrderService orders, TurnContext turn)
{
    public const string PluginName = "Replies";

    [Description("Shows an order to the customer: a card on the website chat, text elsewhere. Same proof rules as Orders_GetOrder. Returns whether it was shown.")]
    public async Task<ShowResult> ShowOrderAsync(
        [Description("The order number, e.g. 1042.")] string orderNumber,
        [Description("The email address the customer gave for this order, if any.")] string? email = null,
        [Description("The phone number the customer gave for this order, if any.")] string? phone = null,
        CancellationToken cancellationToken = default)
    {
        var (lookup, details) = await orders.LookUpAsync(orderNumber, email, phone, cancellationToken);
        if (lookup.Order is null || details is null)
        {
            return new ShowResult(false, lookup.Problem);
        }

        foreach (var message in ReplyRenderer.Order(lookup.Order, details, ChannelProfile.For(turn.Conversation.Channel), orders.Texts, turn.InReplyTo))
        {
            turn.Plan.Answer(message);
        }

        return new ShowResult(true, null);
    }

    [Description("Asks the customer a question with 2-10 choices to pick from (buttons where the channel has them, a numbered list elsewhere).")]
    public ShowResult OfferChoices(
        [Description("The question.")] string question,
        [Description("The choices, each a short label (at most 20 characters).")] string[] choices)
    {
        var usable = choices.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().Take(10).ToList();
        if (string.IsNullOrWhiteSpace(question) || usable.Count < 2)
        {
            return new ShowResult(false, "Give a question and at least two choices.");
        }

        foreach (var message in ReplyRenderer.Choices(question, [.. usable.Select(c => (c, c))], ChannelProfile.For(turn.Conversation.Channel), turn.InReplyTo))
        {
            turn.Plan.Answer(message);
        }

        return new ShowResult(true, null);
    }
}

public sealed record ShowResult(bool Shown, string? Problem);
