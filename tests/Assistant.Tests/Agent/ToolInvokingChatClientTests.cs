using System.ComponentModel;
using Assistant.Core.Agent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Agent;

public sealed class ToolInvokingChatClientTests
{
    [Fact]
    public async Task Tool_calls_are_run_and_their_results_sent_back_until_the_model_answers()
    {
        var model = new ScriptedChatClient(Call("Echo_Say", ("text", "hi")), Text("done"));

        var response = await Loop(model).GetResponseAsync([new ChatMessage(ChatRole.User, "go")], Options(), TestContext.Current.CancellationToken);

        Assert.Equal("done", response.Messages[^1].Text);
        Assert.Equal(2, response.AdditionalProperties![ToolInvokingChatClient.RoundsProperty]);
        var result = model.Received[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("said hi", result.Result?.ToString());
        Assert.Equal((20L, 10L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value));
    }

    [Fact]
    public async Task Last_round_is_sent_without_tools()
    {
        var model = new ScriptedChatClient(Call("Echo_Say", ("text", "a")), Call("Echo_Say", ("text", "b")), Text("finally"));

        var response = await Loop(model, rounds: 3).GetResponseAsync([new ChatMessage(ChatRole.User, "go")], Options(), TestContext.Current.CancellationToken);

        Assert.Equal("finally", response.Messages[^1].Text);
        Assert.NotNull(model.Options[0]!.Tools);
        Assert.Null(model.Options[2]!.Tools);
    }

    [Fact]
    public async Task Failing_tool_tells_the_model_only_that_it_failed_and_too_many_failures_end_the_loop()
    {
        var model = new ScriptedChatClient(Call("Echo_Fail"), Call("Echo_Fail"), Call("Echo_Fail"));

        var error = await Assert.ThrowsAsync<ToolErrorLimitException>(() =>
            Loop(model, errors: 1).GetResponseAsync([new ChatMessage(ChatRole.User, "go")], Options(), TestContext.Current.CancellationToken));

        var result = model.Received[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("Error: Function failed.", result.Result);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Unknown_tool_is_reported_to_the_model()
    {
        var model = new ScriptedChatClient(Call("Nope_Nothing"), Text("sorry"));

        await Loop(model).GetResponseAsync([new ChatMessage(ChatRole.User, "go")], Options(), TestContext.Current.CancellationToken);

        var result = model.Received[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal("Error: Requested function \"Nope_Nothing\" not found.", result.Result);
    }

    [Fact]
    public async Task Calls_beyond_the_per_round_cap_are_refused_unrun()
    {
        var model = new ScriptedChatClient(Calls(5), Text("done"));

        await Loop(model, perRound: 3).GetResponseAsync([new ChatMessage(ChatRole.User, "go")], Options(), TestContext.Current.CancellationToken);

        var results = model.Received[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString()).ToList();
        Assert.Equal(["said 0", "said 1", "said 2", ToolInvokingChatClient.TooManyCalls, ToolInvokingChatClient.TooManyCalls], results);
    }

    [Fact]
    public async Task Calls_beyond_the_per_turn_cap_are_refused_unrun_in_later_rounds()
    {
        var model = new ScriptedChatClient(Calls(2), Calls(2), Text("done"));

        await Loop(model, perTurn: 3).GetResponseAsync([new ChatMessage(ChatRole.User, "go")], Options(), TestContext.Current.CancellationToken);

        var results = model.Received[2].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString()).ToList();
        Assert.Equal(["said 0", "said 1", "said 0", ToolInvokingChatClient.TooManyCalls], results);
    }

    private static ToolInvokingChatClient Loop(IChatClient model, int rounds = 5, int errors = 3, int perRound = 4, int perTurn = 8) =>
        new(model, new ServiceCollection().BuildServiceProvider(), NullLogger.Instance)
        {
            MaximumIterationsPerRequest = rounds,
            MaximumConsecutiveErrorsPerRequest = errors,
            MaximumCallsPerRound = perRound,
            MaximumCallsPerRequest = perTurn,
        };

    private static ChatResponse Calls(int count) =>
        new(new ChatMessage(ChatRole.Assistant, [.. Enumerable.Range(0, count).Select(i =>
            (AIContent)new FunctionCallContent(Guid.NewGuid().ToString(), "Echo_Say", new Dictionary<string, object?> { ["text"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }))]));

    private static ChatOptions Options() => new() { Tools = [.. new ToolCatalog([new PluginRegistration("Echo", typeof(EchoPlugin))]).Tools] };

    private static ChatResponse Call(string name, params (string Name, object? Value)[] arguments) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(Guid.NewGuid().ToString(), name, arguments.ToDictionary(a => a.Name, a => a.Value))]))
        { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 } };

    private static ChatResponse Text(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 } };

    [Description("Test tools.")]
    public sealed class EchoPlugin
    {
        [Description("Says something.")]
        public string Say([Description("What to say.")] string text) => $"said {text}";

        [Description("Always fails.")]
        public string Fail() => throw new InvalidOperationException("boom");
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
