namespace Assistant.Engine.Contract;

/// <summary>
/// The reasons a handoff may give. They become labels and pick teams, so the model's free text is mapped onto this
/// fixed list: a customer must not be able to write labels into the store's Chatwoot through a prompt injection.
/// </summary>
public static class HandoffReason
{
    public const string CustomerRequest = "customer_request";
    public const string Refund = "refund";
    public const string Return = "return";
    public const string Complaint = "complaint";
    public const string Payment = "payment";
    public const string OutOfScope = "out_of_scope";
    public const string AssistantFailure = "assistant_failure";
    public const string BudgetSpent = "budget_spent";
    public const string LookupLimit = "lookup_limit";

    /// <summary>An order action the customer confirmed waits for a person's approval, or the store could not carry it out.</summary>
    public const string OrderAction = "order_action";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [CustomerRequest, Refund, Return, Complaint, Payment, OutOfScope, AssistantFailure, BudgetSpent, LookupLimit, OrderAction, Other];

    /// <summary>The listed reason <paramref name="text"/> names (ignoring case, spaces and dashes), or <see cref="Other"/>.</summary>
    public static string Normalize(string? text)
    {
        var key = text?.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        return All.FirstOrDefault(r => r == key) ?? Other;
    }
}
