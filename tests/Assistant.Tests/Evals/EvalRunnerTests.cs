using Assistant.Operations.Evals;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Evals;

public sealed class EvalRunnerTests : ConversationTestBase
{
    private static readonly IReadOnlyList<EvalScenario> Shipped = EvalRunner.Load(Path.Combine(RepositoryPaths.Prompts, "evals"));

    [Fact]
    public void Shipped_scenarios_load_with_scripts_and_cover_injection_languages_anger_forms_products_and_articles()
    {
        Assert.True(Shipped.Count >= 30);
        // Every step the model takes part in is scripted; a person's reply, a message the people hold, a click, a person's
        // decision and an answer to a pending order action (expected to settle the action without a tool) ask no model.
        Assert.All(Shipped, s => Assert.All(s.Turns.Where(t => t.Agent is null && t.Expect.Outcome != "silent" && t.Click is null && t.Decide is null
            && !(t.Expect.Action is not null && t.Expect.ToolsCalled.Count == 0)), t => Assert.NotEmpty(t.Script)));
        Assert.Equal(Shipped.Count, Shipped.Select(s => s.Name).Distinct().Count());
        Assert.Contains(Shipped, s => s.Name.StartsWith("injection", StringComparison.Ordinal));
        Assert.Contains(Shipped, s => s.Customer.Language == "zh-CN");
        Assert.Contains(Shipped, s => s.Name == "language-switch");
        Assert.Contains(Shipped, s => s.Name == "angry-customer");
        Assert.Contains(Shipped, s => s.Name == "form-answer");
        Assert.Contains(Shipped, s => s.Turns.Any(t => t.Expect.ToolsCalled.Contains("Catalog_SearchProducts")));
        Assert.Contains(Shipped, s => s.Turns.Any(t => t.Expect.ToolsCalled.Contains("Knowledge_Search")));
        Assert.Contains(Shipped, s => s.Turns.Any(t => t.Expect.Sends.Contains("form")));
        Assert.Contains(Shipped, s => s.Turns.Any(t => t.Agent is not null) && s.Turns.Any(t => t.HandBack));
        Assert.Contains(Shipped, s => s.Turns.Any(t => t.FollowUp));
        foreach (var tool in new[] { "Actions_CancelOrder", "Actions_RequestReturn", "Actions_ChangeShippingAddress" })
        {
            Assert.Equal(["en", "vi", "zh-CN"], Shipped.Where(s => s.Turns.Any(t => t.Expect.ToolsCalled.Contains(tool))).Select(s => s.Customer.Language).Distinct().Order());
        }

        Assert.Superset(new HashSet<string> { "executed", "declined", "refused", "none", "awaiting_approval", "rejected" },
            Shipped.SelectMany(s => s.Turns).Select(t => t.Expect.Action).OfType<string>().ToHashSet());
    }

    [Fact]
    public void A_step_that_is_neither_said_nor_a_persons_reply_nor_a_follow_up_is_refused_by_name()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(folder, "bad.yaml"), "name: bad\nturns:\n  - say: Hi\n  - expect: { outcome: answered }\n");

        var error = Assert.Throws<Assistant.Engine.Prompts.PromptException>(() => EvalRunner.Load(folder));

        Assert.EndsWith("bad.yaml: turn 2 needs exactly one of say, agent, follow_up, click or decide.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_scenarios_cover_every_rule_of_the_reply_gate_and_its_fallback()
    {
        var said = Shipped.SelectMany(s => s.Turns).SelectMany(t => t.Expect.Gate).ToHashSet();

        Assert.Superset(said, new HashSet<string> { "passed", "length", "questions", "banned", "repeat", "numbers" });
        Assert.Contains(Shipped, s => s.Turns.Any(t => t.Expect.Gate.Count == 2 && t.Expect.Gate.All(v => v != "passed")));
    }

    [Fact]
    public void A_gate_verdict_other_than_expected_fails_the_turn()
    {
        var expect = new EvalExpectation { Gate = ["numbers", "passed"] };
        var verdicts = new List<Assistant.Engine.Gate.GateVerdict> { new([new("questions", "asks 2 questions")]), new([]) };

        Assert.Equal(["expected the gate to say numbers, passed, it said questions, passed"], EvalRunner.CheckGate(expect, verdicts));
        Assert.Empty(EvalRunner.CheckGate(new EvalExpectation { Gate = ["questions", "passed"] }, verdicts));
    }

    public static TheoryData<string> ShippedNames => [.. Shipped.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(ShippedNames))]
    public async Task Shipped_scenario_passes_against_the_model_its_script_describes(string name)
    {
        // Arrange: the scripted model answers each round as the scenario's script says.
        var scenario = Shipped.Single(s => s.Name == name);
        var rounds = Script(OpenAI, scenario);
        await StartServerAsync(withLlm: true);

        // Act
        var result = await Server.Services.GetRequiredService<EvalRunner>().RunAsync(scenario, Token);

        // Assert: the expectations hold, and the tool loop asked for exactly the rounds the script has.
        Assert.True(result.Passed, string.Join("; ", result.Turns.SelectMany(t => t.Failures)));
        Assert.Equal(rounds.Count, OpenAI.Completions.Count);
    }

    /// <summary>Scripts the model to answer each round as the scenario says; returns the rounds.</summary>
    internal static IReadOnlyList<EvalModelStep> Script(FakeOpenAI openAI, EvalScenario scenario)
    {
        var rounds = scenario.Turns.SelectMany(t => t.Script).ToList();
        foreach (var round in rounds)
        {
            _ = round.Tool is { } tool ? openAI.ThenToolCall(tool, round.Args) : openAI.ThenText(round.Text ?? string.Empty);
        }

        return rounds;
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
    public async Task Scenario_fails_when_the_message_it_expects_is_not_sent()
    {
        OpenAI.ThenText("What is your order number and email?");
        await StartServerAsync(withLlm: true);

        var result = await Server.Services.GetRequiredService<EvalRunner>().RunAsync(Shipped.Single(s => s.Name == "order-form"), Token);

        Assert.False(result.Passed);
        Assert.Contains("expected a form message, sent text", result.Turns[0].Failures);
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
