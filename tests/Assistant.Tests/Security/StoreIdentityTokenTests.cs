using Assistant.Engine.Identity;
using Assistant.Engine.Store;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Security;

/// <summary>The store-signed identity: what a store's site computes, and everything that is not it.</summary>
public sealed class StoreIdentityTokenTests
{
    private const string Secret = KnownSecrets.StoreIdentitySecret;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_signed_with_the_secret_names_its_customer_until_it_expires()
    {
        var token = StoreIdentityToken.Sign("cus.jane.1", Now.AddHours(1), Secret);

        Assert.Equal("cus.jane.1", StoreIdentityToken.Verify(token, Secret, Now));
        Assert.Null(StoreIdentityToken.Verify(token, Secret, Now.AddHours(1)));
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_a_one_line_snippet_computes()
    {
        // What `hash_hmac('sha256', "cus_jane.1796731200", $secret)` or Node's createHmac gives.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes("cus_jane.1796731200")));

        Assert.Equal($"cus_jane.1796731200.{expected}", StoreIdentityToken.Sign("cus_jane", DateTimeOffset.FromUnixTimeSeconds(1796731200), Secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("cus_jane")]
    [InlineData("cus_jane.1796731200")]
    [InlineData("cus_jane.1796731200.zz")]
    [InlineData(".1796731200.0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("cus_jane.-1.0000000000000000000000000000000000000000000000000000000000000000")]
    public void Malformed_tokens_prove_nothing(string token) => Assert.Null(StoreIdentityToken.Verify(token, Secret, Now));

    [Fact]
    public void Changing_the_customer_or_the_expiry_breaks_the_signature()
    {
        var token = StoreIdentityToken.Sign("cus_jane", Now.AddHours(1), Secret);
        var signature = token[(token.LastIndexOf('.') + 1)..];

        Assert.Null(StoreIdentityToken.Verify($"cus_omar.{Now.AddHours(1).ToUnixTimeSeconds()}.{signature}", Secret, Now));
        Assert.Null(StoreIdentityToken.Verify($"cus_jane.{Now.AddDays(365).ToUnixTimeSeconds()}.{signature}", Secret, Now));
    }

    [Theory]
    [InlineData("too-short", false)]
    [InlineData("", true)]
    [InlineData("store-identity-secret-0123456789abcdef", true)]
    public void A_short_identity_secret_stops_start_up_naming_the_setting(string secret, bool valid)
    {
        var result = new StoreOptionsValidator().Validate(null, new StoreOptions { IdentitySecret = secret });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("Store__IdentitySecret must be at least 32 characters", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
