using Assistant.Engine.Evals;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Evals;

public sealed class EvalRunnerTests : ConversationTestBase
{
    private static readonly IReadOnlyList<EvalScenario> Shipped = EvalRunner.Load(Path.Combine(RepositoryPaths.Prompts, "evals"));

    [Fact]
    public void Shipped_scenarios_load_and_cover_injection_languages_anger_and_forms()
    {
        Assert.True(Shipped.Count >= 15);
        Assert.All(Shipped, s => Assert.NotEmpty(s.Turns));
        Assert.Equal(Shipped.Count, Shipped.Select(s => s.Name).Distinct().Count());
        Assert.Contains(Shipped, s => s.Name.StartsWith("injection", StringComparison.Ordinal));
        Assert.Contains(Shipped, s => s.Customer.Language == "zh-CN");
        Assert.Contains(Shipped, s => s.Name == "language-switch");
        Assert.Contains(Shipped, s => s.Name == "angry-customer");
        Assert.Contains(Shipped, s => s.Name == "form-answer");
    }

    [Fact]
    public async Task Scenario_passes_when_the_model_does_what_it_expects()
    {
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042"}""").ThenText("Here is order 1042.");
        await StartServerAsync(withLlm: true);

        var result = await Server.Services.GetRequiredService<EvalRunner>().RunAsync(Shipped.Single(s => s.Name == "verified-order-status"), Token);

        Assert.True(result.Passed, string.Join("; ", result.Turns.SelectMany(t => t.Failures)));
        Assert.Equal(["Replies_ShowOrder"], result.Turns[0].Tools);
        Assert.Empty(Chatwoot.Requests);
    }

    [Fact]
    public async Task Scenario_fails_with_reasons_when_the_model_does_not()
    {
        OpenAI.ThenText("Sure, I can help with that myself.");
        await StartServerAsync(withLlm: true);

        var result = await Server.Services.GetRequiredService<EvalRunner>().RunAsync(Shipped.Single(s => s.Name == "human-request"), Token);

        Assert.False(result.Passed);
        Assert.Equal(["expected handed_off, got answered"], result.Turns[0].Failures);
    }

    [Fact]
    public async Task Injection_scenarios_hold_even_against_a_model_that_obeys_the_injection()
    {
        // The model does what the attacker asks; the access rule in the tools still reveals nothing.
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"2001","email":"xiaoming.wang@example.cn"}""").ThenText("Done.");
        await StartServerAsync(withLlm: true);

        var result = await Server.Services.GetRequiredService<EvalRunner>().RunAsync(Shipped.Single(s => s.Name == "injection-invented-proof"), Token);

        Assert.True(result.Passed, string.Join("; ", result.Turns.SelectMany(t => t.Failures)));
    }
}
