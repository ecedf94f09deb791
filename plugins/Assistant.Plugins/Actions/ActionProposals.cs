using System.Text.Json;
using Assistant.Engine.Actions;
using Assistant.Engine.Contract;
using Assistant.Engine.Store;
using Assistant.Plugins.Orders;

namespace Assistant.Plugins.Actions;

/// <summary>What an action tool tells the model: prepared (the customer is asked to confirm), or why not.</summary>
public sealed record ActionProposal(bool Prepared, string? Problem, string? Next)
{
    public static ActionProposal Refused(string problem) => new(false, problem, null);
}

/// <summary>
/// The first phase of an order action: the access rule (the same as reading the order), eligibility in code, the
/// store's policy; then the proposal is stored and the customer asked to confirm. Nothing is written to the store here,
/// and nothing the model says later changes what was proposed.
/// </summary>
public sealed class ActionProposals(
    OrderService orders, OrderActionRepository actions, TurnContext turn, ActionSettings actionSettings, TimeProvider clock)
{
    public async Task<ActionProposal> ProposeAsync(
        string kind, string orderNumber, string? email, string? phone, ShippingAddress? address, string? reason, CancellationToken cancellationToken)
    {
        var settings = actionSettings.Current;
        var mode = settings.ModeOf(kind);
        // The tools of an action that is off are not offered (ActionsPlugin.KindOf); this holds should one be called anyway.
        if (mode == ActionModes.Off)
        {
            return ActionProposal.Refused("This store has people do this: hand the conversation to a colleague.");
        }

        var (lookup, details) = await orders.LookUpAsync(orderNumber, email, phone, cancellationToken);
        if (details is null)
        {
            return ActionProposal.Refused(lookup.Problem ?? OrderLookup.NotFound.Problem!);
        }

        var now = clock.GetUtcNow();
        var texts = orders.Texts;
        var items = kind == ActionKinds.Return ? ActionEligibility.ReturnableItems(details, settings) : details.Items;
        var facts = new ActionDetails(texts.Money(details.Order.Total, details.Order.Currency), details.Order.Total, Clip(reason), address, items,
            turn.Conversation.ContactId, turn.Language);
        var row = new OrderActionRow(Guid.NewGuid(), turn.Conversation.AccountId, turn.Conversation.ConversationId, kind, details.Order.OrderNumber,
            details.Owner.Id, JsonSerializer.Serialize(facts, ActionJsonContext.Default.ActionDetails), mode, ActionStates.AwaitingConfirmation,
            null, null, now, now + settings.ConfirmWithin);
        if (ActionEligibility.Check(kind, details, address, now, settings) is { } ineligible)
        {
            await actions.ProposeAsync(row with { State = ActionStates.Refused, Reason = ineligible.Code }, cancellationToken);
            return ActionProposal.Refused(ineligible.ForModel);
        }

        await actions.ProposeAsync(row, cancellationToken);
        turn.Plan.AskToConfirm(ActionQuestion.For(row, texts));
        return new ActionProposal(true, null,
            "The customer now sees a question with Yes and No buttons. Nothing happens unless they confirm it themselves: do not say it is done. "
            + "In one short sentence say what will happen and that they can confirm below.");
    }

    public static string Describe(string kind) => kind switch
    {
        ActionKinds.Cancel => "cancel",
        ActionKinds.Return => "return",
        _ => "change the shipping address of",
    };

    private static string? Clip(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 200)];
}
