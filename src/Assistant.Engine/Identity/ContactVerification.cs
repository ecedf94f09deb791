namespace Assistant.Engine.Identity;

/// <summary>How a contact's identity was proven, as the service found it (never as the contact's record says).</summary>
public static class ContactVerification
{
    /// <summary>A token the store's own site signed (<c>Store__IdentitySecret</c>).</summary>
    public const string Store = "store";

    /// <summary>Chatwoot's identity validation, on an inbox that enforces it and where the operator trusts it.</summary>
    public const string Hmac = "hmac";

    /// <summary>The WhatsApp or SMS number the channel received the messages from.</summary>
    public const string Phone = "phone";

    /// <summary>The email address the channel received the messages from.</summary>
    public const string Email = "email";
}
