using Assistant.Engine.Prompts;
using Assistant.Tests.Infrastructure;
using Microsoft.SemanticKernel;

namespace Assistant.Tests.Prompts;

/// <summary>The prompt files are Semantic Kernel prompt configs, and SK renders them through the Handlebars factory.</summary>
public sealed class SemanticKernelPromptTests
{
    [Fact]
    public void Yaml_scalars_become_the_json_types_sk_expects()
    {
        var config = YamlPromptConfig.Parse("""
            name: Test
            template_format: handlebars
            template: "Hi {{name}}"
            input_variables:
              - name: name
                is_required: false
                default: "true"
            execution_settings:
              default:
                temperature: 0.2
                max_tokens: 600
            """);

        var variable = Assert.Single(config.InputVariables);
        Assert.False(variable.IsRequired);
        Assert.Equal("true", variable.Default?.ToString());
        Assert.Equal("handlebars", config.TemplateFormat);
        var template = PromptTemplate.Parse(config, "test.yaml");
        Assert.Equal((0.2, 600), (template.Temperature!.Value, template.MaxTokens!.Value));
    }

    [Fact]
    public async Task Semantic_kernel_renders_the_assistant_prompt_through_the_handlebars_factory()
    {
        // Arrange
        var config = YamlPromptConfig.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Prompts, PromptLoader.AssistantFile)));
        var factory = new HandlebarsPromptTemplateFactory();

        // Act
        var template = factory.Create(config);
        var text = await template.RenderAsync(new Kernel(), new KernelArguments
        {
            ["store_name"] = "Acme Outfitters",
            ["customer_name"] = "\"Jane\"",
            ["channel"] = "the website chat",
            ["language"] = "en",
            ["verified"] = true,
            ["now"] = "2026-12-02T08:00Z",
        }, TestContext.Current.CancellationToken);

        // Assert
        Assert.StartsWith("You are the customer assistant of Acme Outfitters, chatting with \"Jane\" on the website chat.", text, StringComparison.Ordinal);
        Assert.Contains("This customer is verified", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_template_formats_are_left_to_other_factories()
    {
        Assert.False(new HandlebarsPromptTemplateFactory().TryCreate(new PromptTemplateConfig("Hi {{$name}}"), out _));
    }
}
