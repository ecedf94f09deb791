using Assistant.Engine.Turns;
using Microsoft.Extensions.Configuration;

namespace Assistant.Tests.Turns;

public sealed class AssistantOptionsValidatorTests
{
    [Fact]
    public void Lifecycle_settings_that_fit_together_are_valid()
    {
        var options = new AssistantOptions { FollowUpAfter = TimeSpan.FromMinutes(10), ResolveAfter = TimeSpan.FromHours(1) };
        options.WindowTemplate.Name = "conversation_follow_up";
        options.WindowTemplate.Text = "Hi {{1}}, we're still here.";

        Assert.True(new AssistantOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_resolve_before_the_follow_up_is_named()
    {
        var options = new AssistantOptions { FollowUpAfter = TimeSpan.FromHours(2), ResolveAfter = TimeSpan.FromHours(1) };

        var result = new AssistantOptionsValidator().Validate(null, options);

        Assert.StartsWith("Assistant__ResolveAfter must be longer than Assistant__FollowUpAfter", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("conversation_follow_up", null, "en_US", "UTILITY", "Assistant__WindowTemplate__Name and Assistant__WindowTemplate__Text go together")]
    [InlineData(null, "Hi {{1}}", "en_US", "UTILITY", "Assistant__WindowTemplate__Name and Assistant__WindowTemplate__Text go together")]
    [InlineData("conversation_follow_up", "Hi {{1}}", "English", "UTILITY", "Assistant__WindowTemplate__Language must be a WhatsApp language code")]
    [InlineData("conversation_follow_up", "Hi {{1}}", "en_US", "PROMO", "Assistant__WindowTemplate__Category must be UTILITY or MARKETING")]
    public void A_template_that_whatsapp_would_refuse_is_named(string? name, string? text, string language, string category, string expected)
    {
        var options = new AssistantOptions();
        (options.WindowTemplate.Name, options.WindowTemplate.Text, options.WindowTemplate.Language, options.WindowTemplate.Category) = (name, text, language, category);

        var result = new AssistantOptionsValidator().Validate(null, options);

        Assert.StartsWith(expected, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_values_as_docker_compose_passes_unset_variables_leave_the_lifecycle_off()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Assistant:FollowUpAfter"] = "",
            ["Assistant:ResolveAfter"] = "",
            ["Assistant:SilenceLimit"] = "",
            ["Assistant:Csat"] = "inbox",
        }).Build();

        var options = configuration.GetSection("Assistant").Get<AssistantOptions>()!;

        Assert.Equal((null, null, null), (options.FollowUpAfter, options.ResolveAfter, options.SilenceLimit));
        Assert.True(new AssistantOptionsValidator().Validate(null, options).Succeeded);
    }
}
