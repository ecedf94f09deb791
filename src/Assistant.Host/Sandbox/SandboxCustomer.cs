using Assistant.Engine.Identity;

namespace Assistant.Host.Sandbox;

/// <summary>
/// Who the person at the keyboard plays: their address or store customer id, whether it is proven, and the channel.
/// Proof works as in production: on WhatsApp, SMS and email the channel proves the sender's address; on the web the
/// store's site signs the customer id (<see cref="StoreIdentityToken"/>).
/// </summary>
public sealed record SandboxCustomer(string Name, string? Email, string? Phone, string? CustomerId, bool Verified, string Channel, string Language)
{
    public string ChannelType => Channel switch
    {
        "whatsapp" => "Channel::Whatsapp",
        "email" => "Channel::Email",
        "sms" => "Channel::Sms",
        _ => "Channel::WebWidget",
    };

    /// <summary>What Chatwoot keys the contact's inbox by: the sender's address, or a random id on the widget.</summary>
    public string SourceId => (Channel, Verified) switch
    {
        ("whatsapp", true) when Phone is not null => Phone.TrimStart('+'),
        ("sms", true) when Phone is not null => Phone,
        ("email", true) when Email is not null => Email,
        _ => "sandbox-visitor",
    };

    /// <summary>The token the store's site would set on the web conversation, when this customer is a signed-in store customer.</summary>
    public string? StoreIdentity(string secret) => Channel == "web" && Verified && CustomerId is not null
        ? StoreIdentityToken.Sign(CustomerId, DateTimeOffset.UtcNow.AddDays(1), secret)
        : null;

    /// <summary>Parses <c>--as</c>: an email, a phone number, or the store's customer id (e.g. <c>cus_jane</c>).</summary>
    public static SandboxCustomer From(string? identity, bool verified, string channel, string language)
    {
        var isEmail = identity?.Contains('@', StringComparison.Ordinal) == true;
        var isPhone = !isEmail && identity is { Length: > 0 } && (identity[0] == '+' || char.IsAsciiDigit(identity[0]));
        return new SandboxCustomer(identity ?? "Sandbox customer", isEmail ? identity : null, isPhone ? identity : null,
            isEmail || isPhone ? null : identity, verified, channel, language);
    }
}
