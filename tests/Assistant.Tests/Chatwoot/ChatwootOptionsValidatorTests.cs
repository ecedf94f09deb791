using Assistant.Chatwoot;

namespace Assistant.Tests.Chatwoot;

public sealed class ChatwootOptionsValidatorTests
{
    [Fact]
    public void Complete_settings_are_valid()
    {
        var result = new ChatwootOptionsValidator().Validate(null, Valid());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Each_missing_setting_is_named_as_an_environment_variable()
    {
        var result = new ChatwootOptionsValidator().Validate(null, new ChatwootOptions());

        Assert.Collection(result.Failures!,
            f => Assert.StartsWith("Chatwoot__BaseUrl is required", f),
            f => Assert.StartsWith("Chatwoot__BotToken is required", f),
            f => Assert.StartsWith("Chatwoot__WebhookSecret is required", f));
    }

    [Theory]
    [InlineData("sometimes", null, null, "Chatwoot__TrustHmac must be 'never' or 'enforced'.")]
    [InlineData("enforced", null, null, "Chatwoot__TrustHmac=enforced needs Chatwoot__UserToken")]
    [InlineData("never", null, "3,x", "Chatwoot__HmacEnforcedInboxes must be inbox ids")]
    public void Identity_validation_settings_that_cannot_work_are_named(string trust, string? userToken, string? inboxes, string expected)
    {
        var options = Valid();
        (options.TrustHmac, options.UserToken, options.HmacEnforcedInboxes) = (trust, userToken, inboxes);

        var result = new ChatwootOptionsValidator().Validate(null, options);

        Assert.StartsWith(expected, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, null)]
    [InlineData("Enforced", null, "3, 7")]
    [InlineData("enforced", "user-token", null)]
    public void Identity_validation_settings_that_can_work_are_valid(string trust, string? userToken, string? inboxes)
    {
        var options = Valid();
        (options.TrustHmac, options.UserToken, options.HmacEnforcedInboxes) = (trust, userToken, inboxes);

        Assert.True(new ChatwootOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Relative_or_non_http_base_url_is_refused()
    {
        var options = Valid();
        options.BaseUrl = new Uri("ftp://chat.example.com");

        var result = new ChatwootOptionsValidator().Validate(null, options);

        Assert.Equal(["Chatwoot__BaseUrl must be an absolute http(s) URL."], result.Failures);
    }

    [Fact]
    public void Query_token_or_explicit_development_flag_replaces_the_secret()
    {
        var withToken = Valid();
        (withToken.WebhookSecret, withToken.WebhookToken) = (null, "token");
        var unsigned = Valid();
        (unsigned.WebhookSecret, unsigned.AllowUnsignedWebhooks) = (null, true);

        Assert.True(new ChatwootOptionsValidator().Validate(null, withToken).Succeeded);
        Assert.True(new ChatwootOptionsValidator().Validate(null, unsigned).Succeeded);
    }

    [Fact]
    public void Failures_never_contain_the_tokens()
    {
        var options = Valid();
        options.BaseUrl = new Uri("ftp://x");
        options.SignatureTolerance = TimeSpan.Zero;

        var result = new ChatwootOptionsValidator().Validate(null, options);

        Assert.DoesNotContain(result.Failures!, f => f.Contains("bot-token-value", StringComparison.Ordinal) || f.Contains("secret-value", StringComparison.Ordinal));
    }

    private static ChatwootOptions Valid() => new()
    {
        BaseUrl = new Uri("https://chat.example.com"),
        BotToken = "bot-token-value",
        WebhookSecret = "secret-value",
    };
}
