using System.ComponentModel;
using Assistant.Engine.Actions;
using Assistant.Engine.Store;
using Microsoft.SemanticKernel;

namespace Assistant.Plugins.Actions;

[Description("Prepares changes to an order. The customer confirms each with a button; only their confirmation carries it out.")]
public sealed class ActionsPlugin(ActionProposals proposals)
{
    public const string PluginName = "Actions";

    [KernelFunction]
    [Description("Prepares cancelling an order that has not shipped yet; the customer is then asked to confirm. Never say it is cancelled.")]
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
    [Description("Prepares sending an unshipped order to a new address; the customer is then asked to confirm. Ask for any missing part first.")]
    public Task<ActionProposal> ChangeShippingAddressAsync(
        [Description("Order number, e.g. 1042.")] string orderNumber,
        [Description("Recipient's name.")] string name,
        [Description("Street and number.")] string line1,
        [Description("City.")] string city,
        [Description("Postal code.")] string postalCode,
        [Description("Two-letter country code, e.g. US, VN, CN.")] string countryCode,
        [Description("Apartment, floor, if any.")] string? line2 = null,
        [Description("State or province, if any.")] string? region = null,
        [Description("Email the customer wrote, if any.")] string? email = null,
        [Description("Phone number the customer wrote, if any.")] string? phone = null,
        CancellationToken cancellationToken = default) =>
        proposals.ProposeAsync(ActionKinds.ChangeAddress, orderNumber, email, phone,
            new ShippingAddress(name.Trim(), line1.Trim(), line2?.Trim(), city.Trim(), region?.Trim(), postalCode.Trim(), countryCode.Trim().ToUpperInvariant(), null),
            null, cancellationToken);
}
