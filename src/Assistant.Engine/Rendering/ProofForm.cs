using Assistant.Chatwoot.Api;
using Assistant.Engine.Prompts;

namespace Assistant.Engine.Rendering;

/// <summary>
/// The widget form an unverified customer fills in to read an order: its number and the email or phone used on it.
/// The submission comes back as the customer's own words, so its email or phone proves the order like a typed one.
/// </summary>
public static class ProofForm
{
    public const string OrderNumberField = "order_number";
    public const string EmailField = "email";
    public const string PhoneField = "phone";

    public static OutgoingMessage Build(LocaleTexts texts, string? orderNumber, long? inReplyTo) => OutgoingMessage.Form(
        texts["lookup.needs_proof"],
        [
            new FormField(OrderNumberField, texts["form.order_number"], "text", Placeholder: "1042", Required: true,
                DefaultValue: string.IsNullOrWhiteSpace(orderNumber) ? null : orderNumber.Trim()),
            new FormField(EmailField, texts["form.email"], "email", Placeholder: "name@example.com"),
            new FormField(PhoneField, texts["form.phone"], "text", Placeholder: "+49 151 23456789"),
        ],
        texts["form.send"],
        inReplyTo);
}
