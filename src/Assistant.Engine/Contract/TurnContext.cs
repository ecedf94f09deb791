using Assistant.Engine.Conversations;
using Assistant.Engine.Rendering;

namespace Assistant.Engine.Contract;

/// <summary>
/// Everything the tools of one turn may know: the conversation, its channel and language, the customer's proven
/// identity, the customer's own words (the only place a proof of identity may come from), and the plan being built.
/// Scoped to the turn.
/// </summary>
public sealed class TurnContext
{
    public ConversationState Conversation { get; private set; } = ConversationState.New(0, 0);

    /// <summary>What the conversation's channel can show (cards, forms, choices) and its name for the prompt.</summary>
    public ChannelProfile Channel => ChannelProfile.For(Conversation.Channel);

    public CustomerIdentity Identity { get; private set; } = new(null, null, null, null, null);

    /// <summary>Every text the customer wrote in this conversation (messages and form submissions), oldest first.</summary>
    public IReadOnlyList<string> CustomerTexts { get; private set; } = [];

    /// <summary>What the customer wrote that this turn answers (a burst may be several messages), oldest first.</summary>
    public IReadOnlyList<string> NewInputs { get; private set; } = [];

    public string Language { get; private set; } = "en";

    public long? InReplyTo { get; private set; }

    public TurnPlan Plan { get; } = new();

    /// <summary>Order look-ups this turn that found nothing the customer may read.</summary>
    public int FailedOrderLookups { get; set; }

    /// <summary>Whether this turn already sent the customer a form asking for an order's proof: one form is enough.</summary>
    public bool ProofFormSent { get; set; }

    /// <summary>Every tool call of this turn with the result the model read: what model-written text may quote.</summary>
    public List<ToolCallRecord> ToolCalls { get; } = [];

    /// <summary>What model-written text may take numbers and links from: the tools' results and the customer's new words.</summary>
    public IReadOnlyList<string> Facts => [.. ToolCalls.Select(c => c.Result), .. NewInputs];

    /// <summary>Order numbers the tools showed this turn, for the handoff note.</summary>
    public ISet<string> OrdersReferenced { get; } = new SortedSet<string>(StringComparer.Ordinal);

    public void Begin(
        ConversationState conversation, CustomerIdentity identity, IReadOnlyList<string> customerTexts, IReadOnlyList<string> newInputs, string language, long? inReplyTo)
    {
        NewInputs = newInputs;
        Conversation = conversation;
        Identity = identity;
        CustomerTexts = customerTexts;
        Language = language;
        InReplyTo = inReplyTo;
    }
}
