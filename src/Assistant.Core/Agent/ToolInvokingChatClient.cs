using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Assistant.Core.Agent;

/// <summary>
/// The tool-call loop with <c>FunctionInvokingChatClient</c>'s semantics (Microsoft.Extensions.AI is not restorable
/// here): at most <see cref="MaximumIterationsPerRequest"/> model calls, the last one sent without tools; calls run
/// serially; a failing call returns "Error: Function failed." to the model and counts toward
/// <see cref="MaximumConsecutiveErrorsPerRequest"/>; usage is summed; cancellation propagates. Beyond
/// <see cref="MaximumCallsPerRound"/> in one model round or <see cref="MaximumCallsPerRequest"/> in all, calls are
/// answered with a refusal instead of run, so one turn cannot try a list of order numbers.
/// </summary>
public sealed partial class ToolInvokingChatClient(IChatClient inner, IServiceProvider functionServices, ILogger logger) : DelegatingChatClient(inner)
{
    public const string RoundsProperty = "rounds";

    public int MaximumIterationsPerRequest { get; init; } = 10;

    public int MaximumConsecutiveErrorsPerRequest { get; init; } = 3;

    public int MaximumCallsPerRound { get; init; } = 4;

    public int MaximumCallsPerRequest { get; init; } = 8;

    public const string TooManyCalls = "Error: Too many tool calls in this turn; this call was not run. Answer with what you have.";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        var produced = new List<ChatMessage>();
        var usage = new UsageDetails();
        var tools = options?.Tools?.OfType<AIFunction>().ToDictionary(t => t.Name, StringComparer.Ordinal) ?? [];
        var consecutiveErrors = 0;
        var callsRun = 0;

        for (var iteration = 1; ; iteration++)
        {
            var last = iteration >= MaximumIterationsPerRequest;
            var roundOptions = last && options is not null ? WithoutTools(options) : options;
            var response = await base.GetResponseAsync(history, roundOptions, cancellationToken);
            if (response.Usage is { } roundUsage)
            {
                usage.Add(roundUsage);
            }

            produced.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).ToList();
            if (calls.Count == 0 || last || tools.Count == 0)
            {
                return new ChatResponse(produced)
                {
                    Usage = usage,
                    FinishReason = response.FinishReason,
                    ModelId = response.ModelId,
                    AdditionalProperties = new AdditionalPropertiesDictionary { [RoundsProperty] = iteration },
                };
            }

            history.AddRange(response.Messages);
            var results = new List<AIContent>();
            var failed = false;
            Exception? lastError = null;
            for (var i = 0; i < calls.Count; i++)
            {
                var call = calls[i];
                if (i >= MaximumCallsPerRound || callsRun >= MaximumCallsPerRequest)
                {
                    results.Add(new FunctionResultContent(call.CallId, TooManyCalls));
                    continue;
                }

                callsRun++;
                var result = await InvokeAsync(call, tools, cancellationToken);
                failed |= result.Exception is not null;
                lastError = result.Exception ?? lastError;
                results.Add(result);
            }

            var toolMessage = new ChatMessage(ChatRole.Tool, results);
            history.Add(toolMessage);
            produced.Add(toolMessage);
            consecutiveErrors = failed ? consecutiveErrors + 1 : 0;
            if (consecutiveErrors > MaximumConsecutiveErrorsPerRequest)
            {
                throw new ToolErrorLimitException(consecutiveErrors, lastError);
            }
        }
    }

    private async Task<FunctionResultContent> InvokeAsync(FunctionCallContent call, Dictionary<string, AIFunction> tools, CancellationToken cancellationToken)
    {
        if (!tools.TryGetValue(call.Name, out var tool))
        {
            return new FunctionResultContent(call.CallId, $"Error: Requested function \"{call.Name}\" not found.") { Exception = new MissingMethodException(call.Name) };
        }

        try
        {
            var arguments = new AIFunctionArguments(call.Arguments) { Services = functionServices };
            return new FunctionResultContent(call.CallId, await tool.InvokeAsync(arguments, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The model learns only that the call failed; the details go to the log (they may hold data it must not see).
            Log.ToolFailed(logger, ex, call.Name);
            return new FunctionResultContent(call.CallId, "Error: Function failed.") { Exception = ex };
        }
    }

    private static ChatOptions WithoutTools(ChatOptions options)
    {
        var clone = options.Clone();
        clone.Tools = null;
        clone.ToolMode = null;
        return clone;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 810, Level = LogLevel.Warning, Message = "Tool {Tool} failed.")]
        public static partial void ToolFailed(ILogger logger, Exception exception, string tool);
    }
}
