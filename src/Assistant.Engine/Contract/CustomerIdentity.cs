namespace Assistant.Engine.Contract;

/// <summary>Who the conversation's contact says they are, and what the service found proven (<see cref="Identity.CustomerIdentityResolver"/>).</summary>
/// <param name="Identifier">The contact's identifier; for a store-signed identity, the customer id the store signed.</param>
/// <param name="VerifiedBy">
/// <c>store</c>, <c>hmac</c>, <c>phone</c> or <c>email</c> (<see cref="Identity.ContactVerification"/>), or null. With
/// <c>phone</c> or <c>email</c>, <see cref="Phone"/> or <see cref="Email"/> is the address the channel proved, not the
/// contact record's.
/// </param>
public sealed record CustomerIdentity(string? Name, string? Email, string? Phone, string? Identifier, string? VerifiedBy)
{
    public bool IsVerified => VerifiedBy is not null;
}
