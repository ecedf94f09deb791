namespace Assistant.Engine.Conversations;

/// <summary>How a contact's identity is proven, per the design's access rule.</summary>
public static class ContactVerification
{
    public const string Hmac = "hmac";
    public const string Phone = "phone";
    public const string Email = "email";

    /// <summary>
    /// Chatwoot's identity validation wins; otherwise channels whose sender address is the contact's own prove it:
    /// a WhatsApp or SMS sender owns the phone number, an email sender the address.
    /// </summary>
    public static string? Of(string? channel, bool hmacVerified, string? email, string? phone)
    {
        if (hmacVerified)
        {
            return Hmac;
        }

        return channel switch
        {
            "Channel::Whatsapp" or "Channel::Sms" or "Channel::TwilioSms" when !string.IsNullOrWhiteSpace(phone) => Phone,
            "Channel::Email" when !string.IsNullOrWhiteSpace(email) => Email,
            _ => null,
        };
    }
}
