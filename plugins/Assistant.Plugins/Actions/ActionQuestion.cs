using Assistant.Engine.Contract;
using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;

namespace Assistant.Plugins.Actions;

/// <summary>
/// The confirmation question of an action, built from the stored proposal alone, so the answer is read against exactly
/// the words the customer was shown. Titles stay within WhatsApp's 20 characters; the values carry the action's key,
/// which Telegram and LINE send back.
/// </summary>
public static class ActionQuestion
{
    public static ChoicesReply For(OrderActionRow action, LocaleTexts texts)
    {
        var choices = ChoicesOf(action, texts);
        var facts = action.Facts;
        var question = action.Kind switch
        {
            Engine.Actions.ActionKinds.Cancel => texts.Get("action.confirm_cancel", ("number", action.OrderNumber), ("total", facts.Total)),
            Engine.Actions.ActionKinds.Return => texts.Get("action.confirm_return", ("number", action.OrderNumber),
                ("items", string.Join(", ", facts.Items.Select(i => texts.Get("card.item", ("quantity", i.Quantity), ("name", i.Name)))))),
            _ => texts.Get("action.confirm_address", ("number", action.OrderNumber), ("address", facts.Address?.ToString())),
        };
        return new ChoicesReply(question, [new ReplyChoice(choices.YesTitle, choices.YesValue), new ReplyChoice(choices.NoTitle, choices.NoValue)]);
    }

    public static ConfirmationChoices ChoicesOf(OrderActionRow action, LocaleTexts texts)
    {
        var key = action.Id.ToString("N")[..12];
        return new ConfirmationChoices(ReplyRenderer.ChoiceTitle(texts.Get("action.yes_" + action.Kind, ("number", action.OrderNumber))), $"yes-{key}",
            ReplyRenderer.ChoiceTitle(texts["action.no"]), $"no-{key}");
    }
}
