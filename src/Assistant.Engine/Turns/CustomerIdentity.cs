namespace Assistant.Engine.Turns;

/// <summary>Who the conversation's contact says they are, and how much of it is proven.</summary>
/// <param name="VerifiedBy"><c>hmac</c>, <c>phone</c> or <c>email</c> (see <see cref="Conversations.ContactVerification"/>), or null.</param>
public sealed record CustomerIdentity(string? Name, string? Email, string? Phone, string? Identifier, string? VerifiedBy)
{
    public bool IsVerified => VerifiedBy is not null;
}
