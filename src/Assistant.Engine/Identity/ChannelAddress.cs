using System.Text.RegularExpressions;

namespace Assistant.Engine.Identity;

/// <summary>An address a channel proves: the method (<see cref="ContactVerification.Phone"/> or <see cref="ContactVerification.Email"/>) and the address.</summary>
public sealed record ChannelProof(string Method, string Address);

/// <summary>
/// The sender address a channel itself proves. Chatwoot files a WhatsApp, SMS or email contact's conversations under
/// the address the messages came from (<c>contact_inbox.source_id</c>); the contact's <c>phone_number</c> and
/// <c>email</c> are not that address: a web-widget visitor can set them and Chatwoot then merges contacts, so they may
/// be another person's (reference/chatwoot.md §6).
/// </summary>
public static partial class ChannelAddress
{
    /// <summary>The proven address, or null when the channel proves none or the source id is not an address.</summary>
    public static ChannelProof? Of(string? channel, string? sourceId)
    {
        if (string.IsNullOrWhiteSpace(sourceId))
        {
            return null;
        }

        var source = sourceId.Trim();
        return channel switch
        {
            // WhatsApp Cloud and 360dialog: the WhatsApp id, the number's digits without '+'.
            "Channel::Whatsapp" => Phone(source.StartsWith('+') ? source : "+" + source),
            // Twilio: the From parameter, "whatsapp:+E164" for WhatsApp and "+E164" for SMS.
            "Channel::TwilioSms" => Phone(source.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? source["whatsapp:".Length..] : source),
            "Channel::Sms" => Phone(source),
            // Older Chatwoot keyed new email contacts by "email:<message id>", which proves no address.
            "Channel::Email" when EmailAddress().IsMatch(source) => new ChannelProof(ContactVerification.Email, source.ToLowerInvariant()),
            _ => null,
        };
    }

    private static ChannelProof? Phone(string e164) =>
        E164().IsMatch(e164) ? new ChannelProof(ContactVerification.Phone, e164) : null;

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[^@\s:]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailAddress();
}
