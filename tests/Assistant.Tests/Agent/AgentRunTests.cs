using System.ComponentModel;
using System.Text.Json;
using Assistant.Agent;
using Assistant.Engine.Turns;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Assistant.Tests.Agent;

/// <summary>
/// The turn's tool loop is Semantic Kernel's automatic function invocation in the OpenAI connector, bounded by
/// <see cref="ToolGuardFilter"/>; these are the rules the hand-written loop kept before, run against a scripted model
/// over HTTP (what the connector puts on the wire is what is checked).
/// </summary>
public sealed class AgentRunTests : IAsyncLifetime
{
    private FakeOpenAI _model = null!;

    public async ValueTask InitializeAsync() => _model = await FakeOpenAI.StartAsync();

    public async ValueTask DisposeAsync() => await _model.DisposeAsync();

    [Fact]
    public async Task Tool_calls_are_run_and_their_results_sent_back_until_the_model_answers()
    {
        _model.ThenToolCall("Echo_Say", """{"text":"hi"}""").ThenText("done");

        var result = await RunAsync();

        Assert.Equal("done", result.Text);
        Assert.Equal(2, result.Rounds);
        Assert.Equal("said hi", Results(1).Single());
        Assert.Equal((2L * FakeOpenAI.PromptTokens, 2L * FakeOpenAI.CompletionTokens), (result.InputTokens, result.OutputTokens));
        Assert.Equal(["Echo_Say"], result.ToolsCalled);
        Assert.Equal(["tools: Echo_Say", "answer"], result.ModelRounds.Select(r => r.Finish));
    }

    [Fact]
    public async Task Last_round_is_sent_without_tools()
    {
        _model.ThenToolCall("Echo_Say", """{"text":"a"}""").ThenToolCall("Echo_Say", """{"text":"b"}""").ThenText("finally");

        var result = await RunAsync(Limits(rounds: 3));

        Assert.Equal("finally", result.Text);
        Assert.Equal(3, _model.Completions.Count);
        Assert.NotEmpty(Tools(0));
        Assert.True(Tools(2).Count == 0, "the last round must be sent without tools");
        Assert.Equal((3L * FakeOpenAI.PromptTokens, 3L * FakeOpenAI.CompletionTokens), (result.InputTokens, result.OutputTokens));
    }

    [Fact]
    public async Task Failing_tool_tells_the_model_only_that_it_failed_and_too_many_failures_end_the_loop()
    {
        _model.ThenToolCall("Echo_Fail", "{}");

        var error = await Assert.ThrowsAsync<ToolErrorLimitException>(() => RunAsync(Limits(errors: 1)));

        Assert.Equal(ToolGuardFilter.Failed, Results(1).Single());
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Unknown_tool_is_reported_to_the_model()
    {
        _model.ThenToolCall("Nope_Nothing", "{}").ThenText("sorry");

        await RunAsync();

        Assert.Equal("Error: Function call request for a function that wasn't defined. Correct yourself.", Results(1).Single());
    }

    [Fact]
    public async Task Calls_beyond_the_per_round_cap_are_refused_unrun()
    {
        _model.ThenToolCalls(Says(5)).ThenText("done");

        await RunAsync(Limits(perRound: 3));

        Assert.Equal(["said 0", "said 1", "said 2", ToolGuardFilter.TooManyCalls, ToolGuardFilter.TooManyCalls], Results(1));
    }

    [Fact]
    public async Task Calls_beyond_the_per_turn_cap_are_refused_unrun_in_later_rounds()
    {
        _model.ThenToolCalls(Says(2)).ThenToolCalls(Says(2)).ThenText("done");

        await RunAsync(Limits(perTurn: 3));

        Assert.Equal(["said 0", "said 1", "said 0", ToolGuardFilter.TooManyCalls], Results(2));
    }

    [Fact]
    public async Task Results_reach_the_model_as_camel_case_json()
    {
        _model.ThenToolCall("Echo_Describe", "{}").ThenText("done");

        await RunAsync();

        Assert.Equal("""{"orderNumber":"1042","status":"Shipped"}""", Results(1).Single());
    }

    [Fact]
    public async Task Tools_reach_the_model_named_plugin_underscore_function_without_repeated_descriptions()
    {
        _model.ThenText("done");

        await RunAsync();

        var tools = Tools(0);
        Assert.Equal(["Echo_Describe", "Echo_Fail", "Echo_Say"], tools.Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.False(t.GetProperty("parameters").TryGetProperty("condition", out _)));
    }

    private Task<AgentRunResult> RunAsync(AgentLimits? limits = null) =>
        new AgentRun(ModelClient.Create(new LlmOptions { Endpoint = _model.Endpoint, ApiKey = "test-key", AllowPlainHttp = true, Model = "gpt-test" }, NullLoggerFactory.Instance),
            NullLoggerFactory.Instance).RunAsync(
            new ChatHistory("You are a test."), [KernelPluginFactory.CreateFromType<EchoPlugin>("Echo")], null, limits ?? Limits(),
            TestContext.Current.CancellationToken);

    private static AgentLimits Limits(int rounds = 5, int errors = 3, int perRound = 4, int perTurn = 8) => new(rounds, errors, perRound, perTurn);

    private static (string Name, string ArgumentsJson)[] Says(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ("Echo_Say", $$"""{"text":"{{i}}"}"""))];

    /// <summary>The tool results the model was sent with its <paramref name="call"/>-th request, in order.</summary>
    private List<string?> Results(int call) =>
        [.. _model.Completions[call].GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "tool")
            .Select(m => m.GetProperty("content").GetString())];

    /// <summary>The functions the model was offered with its <paramref name="call"/>-th request.</summary>
    private List<JsonElement> Tools(int call) =>
        _model.Completions[call].TryGetProperty("tools", out var tools) ? [.. tools.EnumerateArray().Select(t => t.GetProperty("function"))] : [];

    public enum EchoStatus
    {
        Shipped,
    }

    public sealed record EchoOrder(string OrderNumber, EchoStatus Status, string? Remark = null);

    [Description("Test tools.")]
    public sealed class EchoPlugin
    {
        [KernelFunction]
        [Description("Says something.")]
        public string Say([Description("What to say.")] string text) => $"said {text}";

        [KernelFunction]
        [Description("Always fails.")]
        public string Fail() => throw new InvalidOperationException("boom");

        [KernelFunction]
        [Description("Returns an object.")]
        public EchoOrder Describe() => new("1042", EchoStatus.Shipped);
    }
}
