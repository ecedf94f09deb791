using Assistant.Engine.Contract;
using Microsoft.Extensions.AI;
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
/// One turn with the model on a Semantic Kernel <see cref="Kernel"/> made for it: the chat client wrapped in SK's
/// function invocation (so SK's filters run), the turn's plugins, and <see cref="ToolGuardFilter"/> bounding it all.
/// When the guard stops invocation before the last allowed round, that round is asked for without tools, straight
/// from the model.
/// </summary>
public sealed class AgentRun(IChatClient model, ILoggerFactory loggers)
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
        var recorded = new RoundRecorder(model, modelRounds, TimeProvider.System);
        var kernel = KernelFor(recorded, plugins, guard);
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var before = history.Count;

        var useTools = plugins.Count > 0 && limits.MaxRounds > 1;
        var reply = await chat.GetChatMessageContentAsync(history, Settings(modelSettings, useTools), kernel, cancellationToken);
        var usage = UsageOf(reply);
        if (guard.OutOfRounds)
        {
            // Straight to the model, past the function invoker: a model that still asks for a tool gets no answer to it.
            history.Add(reply);
            reply = await recorded.AsChatCompletionService().GetChatMessageContentAsync(history, Settings(modelSettings, withTools: false), cancellationToken: cancellationToken);
            usage.Add(UsageOf(reply));
        }

        var rounds = history.Skip(before).Count(m => m.Role == AuthorRole.Assistant && m.Items.OfType<Microsoft.SemanticKernel.FunctionCallContent>().Any()) + 1;
        var text = reply.Role == AuthorRole.Assistant && !reply.Items.OfType<Microsoft.SemanticKernel.FunctionCallContent>().Any() ? reply.Content : null;
        return new AgentRunResult(text, rounds, usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0, guard.Called, guard.Calls, modelRounds[firstRound..]);
    }

    private Kernel KernelFor(IChatClient recorded, IReadOnlyList<KernelPlugin> plugins, ToolGuardFilter guard)
    {
        var invoking = recorded.AsBuilder().UseKernelFunctionInvocation(loggers).Use(inner => new ToolSchemaTrimmer(inner)).Build();
        if (invoking.GetService<FunctionInvokingChatClient>() is { } functions)
        {
            // The guard catches every tool failure itself; what reaches the invoker is the guard giving up.
            functions.MaximumConsecutiveErrorsPerRequest = 0;
            functions.IncludeDetailedErrors = false;
            functions.AllowConcurrentInvocation = false;
        }

        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(invoking.AsChatCompletionService());
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

    /// <summary>A reply's usage, which the function invoker has already summed over the rounds it ran.</summary>
    private static UsageDetails UsageOf(ChatMessageContent reply)
    {
        var usage = new UsageDetails();
        if (reply.Metadata?.TryGetValue("Usage", out var value) == true && value is UsageDetails details)
        {
            usage.Add(details);
        }

        return usage;
    }
}
