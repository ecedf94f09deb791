using Assistant.Engine.Contract;
using Assistant.Engine.Store;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace Assistant.Agent;

/// <summary>
/// Semantic Kernel's automatic function invocation, bounded for one turn: at most <see cref="AgentLimits.MaxCallsPerRound"/>
/// calls of one model answer and <see cref="AgentLimits.MaxCallsPerTurn"/> in all are run (the rest are refused
/// unrun, so a turn cannot try a list of order numbers); a failing call tells the model only that it failed (the
/// details may hold data it must not see) and too many failing rounds in a row end the turn; results reach the model
/// as camelCase JSON; a store that cannot be read fails the turn (it is retried, then handed off), never leaving the
/// model to guess; and invocation stops before the last allowed round, which <see cref="AgentRun"/> makes without tools.
/// The connector tells the model of any exception a filter throws, so what must end the turn stops invocation here
/// and is thrown by <see cref="ThrowIfStopped"/> once the connector returns.
/// </summary>
/// <param name="calls">Where each call is noted as it returns (the turn's list, which the tools read to check what the model writes).</param>
public sealed partial class ToolGuardFilter(AgentLimits limits, ILogger logger, List<ToolCallRecord>? calls = null) : IAutoFunctionInvocationFilter
{
    public const string TooManyCalls = "Error: Too many tool calls in this turn; this call was not run. Answer with what you have.";
    public const string Failed = "Error: Function failed.";

    private readonly List<string> _called = [];
    private readonly List<ToolCallRecord> _calls = calls ?? [];
    private readonly int _firstCall = calls?.Count ?? 0;
    private int _callsRun;
    private int _consecutiveFailedRounds;
    private int _failingRound = -1;
    private Exception? _lastError;
    private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _stopped;

    /// <summary>Invocation stopped because the next model call is the last one allowed.</summary>
    public bool OutOfRounds { get; private set; }

    /// <summary>Every tool the model asked for, in order, whether it ran or not.</summary>
    public IReadOnlyList<string> Called => _called;

    /// <summary>Every call with its arguments and the result the model was given (a refusal or failure included).</summary>
    public IReadOnlyList<ToolCallRecord> Calls => _calls[_firstCall..];

    /// <summary>Throws what ended the turn during invocation: a store outage, too many failing rounds, cancellation.</summary>
    public void ThrowIfStopped() => _stopped?.Throw();

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        _called.Add(ToolName(context.Function));
        using var activity = ModelClient.Telemetry.StartActivity($"execute_tool {ToolName(context.Function)}", System.Diagnostics.ActivityKind.Internal);
        activity?.SetTag("gen_ai.operation.name", "execute_tool");
        activity?.SetTag("gen_ai.tool.name", ToolName(context.Function));
        var startedAt = DateTimeOffset.UtcNow;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (context.FunctionSequenceIndex >= limits.MaxCallsPerRound || _callsRun >= limits.MaxCallsPerTurn)
        {
            context.Result = new FunctionResult(context.Function, TooManyCalls);
        }
        else
        {
            _callsRun++;
            await InvokeAsync(context, next);
        }

        _calls.Add(new ToolCallRecord(startedAt, ToolName(context.Function), Arguments(context.Arguments),
            context.Result.GetValue<object>()?.ToString() ?? string.Empty, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds));

        if (context.FunctionSequenceIndex == context.FunctionCount - 1)
        {
            EndRound(context);
        }
    }

    private static string Arguments(KernelArguments? arguments) =>
        JsonSerializer.Serialize(arguments?.ToDictionary(a => a.Key, a => a.Value?.ToString()) ?? [], ToolCatalog.SerializerOptions);

    /// <summary>The wire name of a function: <c>Plugin_Function</c>, as the chat client advertises it.</summary>
    public static string ToolName(KernelFunction function) =>
        function.PluginName is { Length: > 0 } plugin ? $"{plugin}_{function.Name}" : function.Name;

    private async Task InvokeAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        try
        {
            await next(context);
            var value = context.Result.GetValue<object>();
            context.Result = new FunctionResult(context.Result, value is null or string ? value : JsonSerializer.Serialize(value, ToolCatalog.SerializerOptions));
        }
        catch (StoreUnavailableException ex)
        {
            // Answering without the store would be a guess: the turn fails like an outage and is tried again later.
            Log.ToolFailed(logger, ex, ToolName(context.Function));
            Stop(context, ex);
        }
        catch (OperationCanceledException ex)
        {
            Stop(context, ex);
        }
        catch (Exception ex)
        {
            Log.ToolFailed(logger, ex, ToolName(context.Function));
            _lastError = ex;
            _failingRound = context.RequestSequenceIndex;
            context.Result = new FunctionResult(context.Function, Failed);
        }
    }

    private void EndRound(AutoFunctionInvocationContext context)
    {
        _consecutiveFailedRounds = _failingRound == context.RequestSequenceIndex ? _consecutiveFailedRounds + 1 : 0;
        if (_consecutiveFailedRounds > limits.MaxConsecutiveErrors)
        {
            Stop(context, new ToolErrorLimitException(_consecutiveFailedRounds, _lastError));
            return;
        }

        // Round numbers count from 1; after this round's calls the model would be asked for round index + 2.
        if (context.RequestSequenceIndex + 2 >= limits.MaxRounds)
        {
            OutOfRounds = true;
            context.Terminate = true;
        }
    }

    /// <summary>Ends invocation (the model is not asked again) and keeps what ended it for <see cref="ThrowIfStopped"/>.</summary>
    private void Stop(AutoFunctionInvocationContext context, Exception reason)
    {
        _stopped ??= System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(reason);
        context.Result = new FunctionResult(context.Function, Failed);
        context.Terminate = true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 810, Level = LogLevel.Warning, Message = "Tool {Tool} failed.")]
        public static partial void ToolFailed(ILogger logger, Exception exception, string tool);
    }
}
