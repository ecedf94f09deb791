using Assistant.Engine.Prompts;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Tests.Prompts;

public sealed class PromptFilesTests : IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"prompts-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }

    [Fact]
    public void Every_prompt_file_loads_and_renders_with_its_variables()
    {
        var prompts = PromptLoader.Load(RepositoryPaths.Prompts);

        var system = prompts.Assistant.Render(new Dictionary<string, object?>
        {
            ["store_name"] = "Acme",
            ["customer_name"] = "Jane",
            ["channel"] = "WhatsApp",
            ["language"] = "vi",
            ["verified"] = false,
            ["now"] = "2026-11-22T08:00Z",
        });

        Assert.Contains("You are the customer assistant of Acme, chatting with Jane on WhatsApp.", system);
        Assert.Contains("This customer is NOT verified", system);
        Assert.Equal(0.2, prompts.Assistant.Temperature);
        Assert.Equal(["en", "vi", "zh-CN"], prompts.Locales.Languages.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_required_variable_fails_loudly()
    {
        var prompts = PromptLoader.Load(RepositoryPaths.Prompts);

        var error = Assert.Throws<PromptException>(() => prompts.Assistant.Render(new Dictionary<string, object?> { ["store_name"] = "Acme" }));

        Assert.Contains("customer_name", error.Message);
    }

    [Theory]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("vi-VN", "vi")]
    [InlineData("fr", "en")]
    [InlineData(null, "en")]
    public void Locale_is_chosen_from_the_conversation_language(string? language, string expected)
    {
        Assert.Equal(expected, PromptLoader.Load(RepositoryPaths.Prompts).Locales.For(language).Language);
    }

    [Fact]
    public void Locale_missing_a_text_is_refused_naming_file_and_key()
    {
        CopyPrompts();
        var vi = Path.Combine(_copy, "locales", "vi.yaml");
        File.WriteAllText(vi, File.ReadAllText(vi).Replace("  closing: ", "  closed: ", StringComparison.Ordinal));

        var error = Assert.Throws<PromptException>(() => PromptLoader.Load(_copy));

        Assert.Equal("locales/vi.yaml lacks resolve.closing.", error.Message);
    }

    [Fact]
    public void Template_using_an_undeclared_variable_is_refused()
    {
        CopyPrompts();
        var file = Path.Combine(_copy, "assistant.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("{{store_name}}", "{{shop_name}}", StringComparison.Ordinal));

        var error = Assert.Throws<PromptException>(() => PromptLoader.Load(_copy));

        Assert.Contains("shop_name", error.Message);
    }

    [Fact]
    public void Invalid_edit_keeps_the_last_good_prompts_and_a_valid_one_is_picked_up()
    {
        CopyPrompts();
        using var library = new PromptLibrary(Options.Create(new PromptOptions { PromptsPath = _copy }), NullLogger<PromptLibrary>.Instance);
        var file = Path.Combine(_copy, "assistant.yaml");
        var original = File.ReadAllText(file);

        File.WriteAllText(file, "template: [unclosed");
        Assert.False(library.Reload());
        Assert.Contains("customer assistant of", library.Current.Assistant.Config.Template);

        File.WriteAllText(file, original.Replace("briefly and warmly", "briefly and kindly", StringComparison.Ordinal));
        Assert.True(library.Reload());
        Assert.Contains("briefly and kindly", library.Current.Assistant.Config.Template);
    }

    private void CopyPrompts() => RepositoryPaths.CopyPromptsTo(_copy);
}
