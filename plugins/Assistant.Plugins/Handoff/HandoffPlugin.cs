using Assistant.Engine.Contract;
using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Assistant.Plugins.Handoff;

[Description("Hands the conversation to a human colleague, or closes it.")]
public sealed class HandoffPlugin(TurnContext turn)
{
    public const string PluginName = "Handoff";

    [KernelFunction]
    [Description("Hands the conversation to a human colleague. A fixed message tells the customer; do not write one.")]
    public HandoffResult HandOff(
        [Description("Why, in a few words: customer_request, refund, return, complaint, payment, out_of_scope, other.")] string reason,
        [Description("For the colleague: what the customer wants and what you told them, in 1-2 sentences.")] string summary)
    {
        turn.Plan.HandOff(new HandoffRequest(HandoffReason.Normalize(reason), summary?.Trim() ?? string.Empty));
        return new HandoffResult(true, "A colleague will take over. End your turn without further text.");
    }

    [KernelFunction]
    [Description("Closes the conversation when the customer confirms they need nothing else. The customer gets a fixed closing message.")]
    public HandoffResult Resolve()
    {
        turn.Plan.ResolveConversation();
        return new HandoffResult(true, "The conversation will be closed after your reply.");
    }
}

public sealed record HandoffResult(bool Done, string Note);
