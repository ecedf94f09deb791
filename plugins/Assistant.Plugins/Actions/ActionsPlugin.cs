using System.ComponentModel;
using Assistant.Engine.Actions;
using Assistant.Engine.Store;
using Microsoft.SemanticKernel;

namespace Assistant.Plugins.Actions;

[Description("Prepares changes to an order; only the customer's own confirmation carries one out.")]
public sealed class ActionsPlugin(ActionProposals proposals)
{
    public const string PluginName = "Actions";

    /// <summary>The action a tool prepares, by its function name: only the tools of actions that are on are offered.</summary>
    public static string KindOf(string function) => function switch
    {
        "CancelOrder" => ActionKinds.Cancel,
        "RequestReturn" => ActionKinds.Return,
        _ => ActionKinds.ChangeAddress,
    };

    [KernelFunction]
    [Description("Prepares cancelling an order not yet shipped; the customer is then asked to confirm. Never say it is done.")]
    public Task<ActionProposal> CancelOrderAsync(
        [Description("Order number, e.g. 1042.")] string orderNumber,
        [Description("Email the customer wrote, if any.")] string? email = null,
        [Description("Phone number the customer wrote, if any.")] string? phone = null,
        CancellationToken cancellationToken = default) =>
        proposals.ProposeAsync(ActionKinds.Cancel, orderNumber, email, phone, null, null, cancellationToken);

    [KernelFunction]
    [Description("Prepares a return request for a delivered order; the customer is then asked to confirm. Never say it is done.")]
    public Task<ActionProposal> RequestReturnAsync(
        [Description("Order number, e.g. 1042.")] string orderNumber,
        [Description("Why, in the customer's words.")] string reason,
        [Description("Email the customer wrote, if any.")] string? email = null,
        [Description("Phone number the customer wrote, if any.")] string? phone = null,
        CancellationToken cancellationToken = default) =>
        proposals.ProposeAsync(ActionKinds.Return, orderNumber, email, phone, null, reason, cancellationToken);

    [KernelFunction]
    [Description("Prepares sending an order not yet shipped to a new address; the customer is then asked to confirm. Never say it is done.")]
    public Task<ActionProposal> ChangeShippingAddressAsync(
        [Description("Order number, e.g. 1042.")] string orderNumber,
        string name,
        [Description("Street and number.")] string line1,
        string city,
        string postalCode,
        [Description("ISO 3166 two-letter code.")] string countryCode,
        string? line2 = null,
        [Description("State, province or district.")] string? region = null,
        [Description("Email the customer wrote, if any.")] string? email = null,
        [Description("Phone number the customer wrote, if any.")] string? phone = null,
        CancellationToken cancellationToken = default) =>
        proposals.ProposeAsync(ActionKinds.ChangeAddress, orderNumber, email, phone,
            new ShippingAddress(name.Trim(), line1.Trim(), line2?.Trim(), city.Trim(), region?.Trim(), postalCode.Trim(), countryCode.Trim().ToUpperInvariant(), null),
            null, cancellationToken);
}
