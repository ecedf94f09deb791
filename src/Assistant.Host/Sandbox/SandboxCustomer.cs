namespace Assistant.Host.Sandbox;

/// <summary>Who the person at the keyboard plays: their address, whether Chatwoot vouches for it, and the channel.</summary>
public sealed record SandboxCustomer(string Name, string? Email, string? Phone, bool Verified, string Channel, string Language)
{
    public string ChannelType => Channel switch
    {
        "whatsapp" => "Channel::Whatsapp",
        "email" => "Channel::Email",
        "sms" => "Channel::Sms",
        _ => "Channel::WebWidget",
    };

    /// <summary>Parses <c>--as</c>: an email or a phone number.</summary>
    public static SandboxCustomer From(string? identity, bool verified, string channel, string language)
    {
        var isEmail = identity?.Contains('@', StringComparison.Ordinal) == true;
        return new SandboxCustomer(identity ?? "Sandbox customer", isEmail ? identity : null, isEmail ? null : identity, verified, channel, language);
    }
}
