using Assistant.Engine.Contract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Assistant.Agent;

/// <summary>What one turn's conversation with the model came to.</summary>
public sealed record AgentRunResult(
    string? Text, int Rounds, long InputTokens, long OutputTokens, IReadOnlyList<string> ToolsCalled, IReadOnlyList<ToolCallRecord> Calls,
    IReadOnlyList<ModelRoundRecord> ModelRounds);

/// <summary>
/// One turn with the model on a Semantic Kernel <see cref="Kernel"/> made for it: the OpenAI connector's automatic
/// function invocation (so SK's filters run), the turn's plugins, and <see cref="ToolGuardFilter"/> bounding it all.
/// When the guard stops invocation before the last allowed round, that round is asked for without tools.
/// </summary>
public sealed class AgentRun(IChatCompletionService model, ILoggerFactory loggers)
{
    /// <param name="modelRounds">
    /// Where each model call is noted as it returns: the caller's list, so the tokens of a run that then fails are still
    /// known (and paid for, and counted against budgets).
    /// </param>
    /// <param name="toolCalls">Where each tool call is noted as it returns: the turn's, so a tool can check model-written text against earlier results.</param>
    public async Task<AgentRunResult> RunAsync(
        ChatHistory history, IReadOnlyList<KernelPlugin> plugins, PromptExecutionSettings? modelSettings, AgentLimits limits,
        CancellationToken cancellationToken, List<ModelRoundRecord>? modelRounds = null, List<ToolCallRecord>? toolCalls = null)
    {
        var guard = new ToolGuardFilter(limits, loggers.CreateLogger<ToolGuardFilter>(), toolCalls);
        modelRounds ??= [];
        var firstRound = modelRounds.Count;
        using var recording = ModelCallRecorder.Recording(modelRounds);
        var kernel = KernelFor(plugins, guard);
        var before = history.Count;

        var useTools = plugins.Count > 0 && limits.MaxRounds > 1;
        var reply = await model.GetChatMessageContentAsync(history, Settings(modelSettings, useTools), kernel, cancellationToken);
        guard.ThrowIfStopped();
        if (guard.OutOfRounds)
        {
            // The connector stopped after this round's tool results, which are in the history: the last round has no tools.
            reply = await model.GetChatMessageContentAsync(history, Settings(modelSettings, withTools: false), kernel, cancellationToken);
        }

        var rounds = history.Skip(before).Count(m => m.Role == AuthorRole.Assistant && m.Items.OfType<FunctionCallContent>().Any()) + 1;
        var text = reply.Role == AuthorRole.Assistant && !reply.Items.OfType<FunctionCallContent>().Any() ? reply.Content : null;
        List<ModelRoundRecord> spent;
        lock (modelRounds)
        {
            spent = modelRounds[firstRound..];
        }

        return new AgentRunResult(text, rounds, spent.Sum(r => r.InputTokens), spent.Sum(r => r.OutputTokens), guard.Called, guard.Calls, spent);
    }

    private Kernel KernelFor(IReadOnlyList<KernelPlugin> plugins, ToolGuardFilter guard)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggers);
        var kernel = builder.Build();
        foreach (var plugin in plugins)
        {
            kernel.Plugins.Add(plugin);
        }

        kernel.AutoFunctionInvocationFilters.Add(guard);
        return kernel;
    }

    private static PromptExecutionSettings Settings(PromptExecutionSettings? modelSettings, bool withTools)
    {
        var settings = new PromptExecutionSettings
        {
            ModelId = modelSettings?.ModelId,
            ExtensionData = modelSettings?.ExtensionData is { } data ? new Dictionary<string, object>(data) : null,
        };
        if (withTools)
        {
            settings.FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(options: new FunctionChoiceBehaviorOptions { AllowConcurrentInvocation = false });
        }

        return settings;
    }
}
