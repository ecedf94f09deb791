using System.ComponentModel;
using Assistant.Agent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Assistant.Tests.Agent;

/// <summary>
/// The turn's tool loop is Semantic Kernel's automatic function invocation, bounded by <see cref="ToolGuardFilter"/>;
/// these are the rules the hand-written loop kept before, run against a scripted model.
/// </summary>
public sealed class AgentRunTests
{
    [Fact]
    public async Task Tool_calls_are_run_and_their_results_sent_back_until_the_model_answers()
    {
        var model = new ScriptedChatClient(Call("Echo_Say", ("text", "hi")), Text("done"));

        var result = await RunAsync(model);

        Assert.Equal("done", result.Text);
        Assert.Equal(2, result.Rounds);
        Assert.Equal("said hi", Results(model, 1).Single());
        Assert.Equal((20L, 10L), (result.InputTokens, result.OutputTokens));
        Assert.Equal(["Echo_Say"], result.ToolsCalled);
    }

    [Fact]
    public async Task Last_round_is_sent_without_tools()
    {
        var model = new ScriptedChatClient(Call("Echo_Say", ("text", "a")), Call("Echo_Say", ("text", "b")), Text("finally"));

        var result = await RunAsync(model, Limits(rounds: 3));

        Assert.Equal("finally", result.Text);
        Assert.Equal(3, model.Received.Count);
        Assert.NotEmpty(model.Options[0]!.Tools!);
        Assert.True(model.Options[2]?.Tools is null or { Count: 0 }, "the last round must be sent without tools");
        Assert.Equal((30L, 15L), (result.InputTokens, result.OutputTokens));
    }

    [Fact]
    public async Task Failing_tool_tells_the_model_only_that_it_failed_and_too_many_failures_end_the_loop()
    {
        var model = new ScriptedChatClient(Call("Echo_Fail"), Call("Echo_Fail"), Call("Echo_Fail"));

        var error = await Assert.ThrowsAsync<ToolErrorLimitException>(() => RunAsync(model, Limits(errors: 1)));

        Assert.Equal(ToolGuardFilter.Failed, Results(model, 1).Single());
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Unknown_tool_is_reported_to_the_model()
    {
        var model = new ScriptedChatClient(Call("Nope_Nothing"), Text("sorry"));

        await RunAsync(model);

        Assert.Equal("Error: Requested function \"Nope_Nothing\" not found.", Results(model, 1).Single());
    }

    [Fact]
    public async Task Calls_beyond_the_per_round_cap_are_refused_unrun()
    {
        var model = new ScriptedChatClient(Calls(5), Text("done"));

        await RunAsync(model, Limits(perRound: 3));

        Assert.Equal(["said 0", "said 1", "said 2", ToolGuardFilter.TooManyCalls, ToolGuardFilter.TooManyCalls], Results(model, 1));
    }

    [Fact]
    public async Task Calls_beyond_the_per_turn_cap_are_refused_unrun_in_later_rounds()
    {
        var model = new ScriptedChatClient(Calls(2), Calls(2), Text("done"));

        await RunAsync(model, Limits(perTurn: 3));

        Assert.Equal(["said 0", "said 1", "said 0", ToolGuardFilter.TooManyCalls], Results(model, 2));
    }

    [Fact]
    public async Task Results_reach_the_model_as_camel_case_json()
    {
        var model = new ScriptedChatClient(Call("Echo_Describe"), Text("done"));

        await RunAsync(model);

        Assert.Equal("""{"orderNumber":"1042","status":"Shipped"}""", Results(model, 1).Single());
    }

    [Fact]
    public async Task Tools_reach_the_model_named_plugin_underscore_function_without_repeated_descriptions()
    {
        var model = new ScriptedChatClient(Text("done"));

        await RunAsync(model);

        var tools = model.Options[0]!.Tools!.OfType<AIFunction>().ToList();
        Assert.Equal(["Echo_Describe", "Echo_Fail", "Echo_Say"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.False(t.JsonSchema.TryGetProperty("condition", out _)));
    }

    private static Task<AgentRunResult> RunAsync(ScriptedChatClient model, AgentLimits? limits = null) =>
        new AgentRun(model, NullLoggerFactory.Instance).RunAsync(
            new ChatHistory("You are a test."), [KernelPluginFactory.CreateFromType<EchoPlugin>("Echo")], null, limits ?? Limits(),
            TestContext.Current.CancellationToken);

    private static AgentLimits Limits(int rounds = 5, int errors = 3, int perRound = 4, int perTurn = 8) => new(rounds, errors, perRound, perTurn);

    /// <summary>The tool results the model was sent with its <paramref name="call"/>-th request, in order.</summary>
    private static List<string?> Results(ScriptedChatClient model, int call) =>
        [.. model.Received[call].Where(m => m.Role == ChatRole.Tool).SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>()
            .Select(r => r.Result?.ToString())];

    private static ChatResponse Call(string name, params (string Name, object? Value)[] arguments) =>
        new(new ChatMessage(ChatRole.Assistant, [new Microsoft.Extensions.AI.FunctionCallContent(Guid.NewGuid().ToString(), name, arguments.ToDictionary(a => a.Name, a => a.Value))]))
        { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 } };

    private static ChatResponse Calls(int count) =>
        new(new ChatMessage(ChatRole.Assistant, [.. Enumerable.Range(0, count).Select(i =>
            (AIContent)new Microsoft.Extensions.AI.FunctionCallContent(Guid.NewGuid().ToString(), "Echo_Say", new Dictionary<string, object?> { ["text"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }))]));

    private static ChatResponse Text(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 } };

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

    /// <summary>An IChatClient answering from a script and recording what it was sent (dotnet/extensions' TestChatClient).</summary>
    private sealed class ScriptedChatClient(params ChatResponse[] script) : IChatClient
    {
        private int _next;

        public List<List<ChatMessage>> Received { get; } = [];

        public List<ChatOptions?> Options { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Received.Add([.. messages]);
            Options.Add(options);
            return Task.FromResult(script[Math.Min(_next++, script.Length - 1)]);
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
