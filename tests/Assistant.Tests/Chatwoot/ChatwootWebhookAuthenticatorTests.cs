using System.Globalization;
using System.Text;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Webhooks;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Chatwoot;

public sealed class ChatwootWebhookAuthenticatorTests
{
    private const string Secret = "bot-secret";
    private static readonly DateTimeOffset Now = new(2026, 6, 17, 10, 20, 30, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"message_created","id":1}""");

    [Fact]
    public void Valid_signature_is_accepted()
    {
        // Arrange
        var (timestamp, signature) = Signed(Secret, Now, Body);

        // Act
        var verdict = Authenticator(secret: Secret).Verify(Body, timestamp, signature, queryToken: null);

        // Assert
        Assert.Equal(WebhookVerdict.Valid, verdict);
    }

    [Fact]
    public void Tampered_body_is_rejected()
    {
        var (timestamp, signature) = Signed(Secret, Now, Body);
        var tampered = Encoding.UTF8.GetBytes("""{"event":"message_created","id":2}""");

        var verdict = Authenticator(secret: Secret).Verify(tampered, timestamp, signature, queryToken: null);

        Assert.Equal(WebhookVerdict.BadSignature, verdict);
    }

    [Fact]
    public void Signature_made_with_another_secret_is_rejected()
    {
        var (timestamp, signature) = Signed("another-secret", Now, Body);

        var verdict = Authenticator(secret: Secret).Verify(Body, timestamp, signature, queryToken: null);

        Assert.Equal(WebhookVerdict.BadSignature, verdict);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Timestamp_outside_five_minutes_is_rejected_even_when_signed(int offsetSeconds)
    {
        var (timestamp, signature) = Signed(Secret, Now.AddSeconds(offsetSeconds), Body);

        var verdict = Authenticator(secret: Secret).Verify(Body, timestamp, signature, queryToken: null);

        Assert.Equal(WebhookVerdict.StaleTimestamp, verdict);
    }

    [Fact]
    public void Timestamp_just_inside_the_window_is_accepted()
    {
        var (timestamp, signature) = Signed(Secret, Now.AddSeconds(-299), Body);

        Assert.Equal(WebhookVerdict.Valid, Authenticator(secret: Secret).Verify(Body, timestamp, signature, queryToken: null));
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("1781691630", null)]
    public void Missing_signature_headers_are_rejected(string? timestamp, string? signature)
    {
        Assert.Equal(WebhookVerdict.MissingSignature, Authenticator(secret: Secret).Verify(Body, timestamp, signature, queryToken: null));
    }

    [Theory]
    [InlineData("sha256=zz")]
    [InlineData("sha1=0123")]
    [InlineData("sha256=0123456789abcdef")]
    public void Malformed_signature_is_rejected(string signature)
    {
        var (timestamp, _) = Signed(Secret, Now, Body);

        Assert.Equal(WebhookVerdict.BadSignature, Authenticator(secret: Secret).Verify(Body, timestamp, signature, queryToken: null));
    }

    [Fact]
    public void Uppercase_hex_signature_is_accepted()
    {
        var (timestamp, signature) = Signed(Secret, Now, Body);

        var verdict = Authenticator(secret: Secret).Verify(Body, timestamp, "sha256=" + signature["sha256=".Length..].ToUpperInvariant(), queryToken: null);

        Assert.Equal(WebhookVerdict.Valid, verdict);
    }

    [Fact]
    public void When_a_secret_is_set_the_query_token_alone_is_not_enough()
    {
        var verdict = Authenticator(secret: Secret, token: "query-token").Verify(Body, null, null, queryToken: "query-token");

        Assert.Equal(WebhookVerdict.MissingSignature, verdict);
    }

    [Theory]
    [InlineData("query-token", WebhookVerdict.Valid)]
    [InlineData("wrong", WebhookVerdict.BadToken)]
    [InlineData(null, WebhookVerdict.BadToken)]
    public void Older_chatwoot_is_checked_by_query_token(string? given, WebhookVerdict expected)
    {
        Assert.Equal(expected, Authenticator(token: "query-token").Verify(Body, null, null, queryToken: given));
    }

    [Fact]
    public void Unsigned_webhooks_pass_only_when_explicitly_allowed()
    {
        Assert.Equal(WebhookVerdict.MissingSignature, Authenticator().Verify(Body, null, null, null));
        Assert.Equal(WebhookVerdict.Valid, Authenticator(allowUnsigned: true).Verify(Body, null, null, null));
    }

    private static (string Timestamp, string Signature) Signed(string secret, DateTimeOffset at, byte[] body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return (timestamp, ChatwootWebhookAuthenticator.Sign(secret, timestamp, body));
    }

    private static ChatwootWebhookAuthenticator Authenticator(string? secret = null, string? token = null, bool allowUnsigned = false)
    {
        var options = new ChatwootOptions { WebhookSecret = secret, WebhookToken = token, AllowUnsignedWebhooks = allowUnsigned };
        return new ChatwootWebhookAuthenticator(new StaticOptionsMonitor<ChatwootOptions>(options), new FixedClock(Now));
    }
}
