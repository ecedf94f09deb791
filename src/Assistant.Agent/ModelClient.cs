using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Assistant.Engine.Turns;
using Assistant.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace Assistant.Agent;

/// <summary>
/// The model as Semantic Kernel's OpenAI connector (<see cref="OpenAIChatCompletionService"/>) over the official OpenAI
/// SDK: any OpenAI-compatible endpoint. Each request passes <see cref="ModelCallRecorder"/>.
/// </summary>
public static class ModelClient
{
    /// <summary>The activity source of model calls and the tool calls they lead to.</summary>
    public const string TelemetrySource = "Assistant.Llm";

    internal static readonly ActivitySource Telemetry = new(TelemetrySource);

    public static IChatCompletionService Create(LlmOptions options, ILoggerFactory loggers)
    {
        // Tools are named Plugin_Function, as the prompts, the evals and the decision timeline write them; the
        // connector's own default separator is "-".
        OpenAIFunction.NameSeparator = "_";
        var recorder = new ModelCallRecorder(options.Model, TimeProvider.System) { InnerHandler = SecureTransport.Handler() };
        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
            // The key must not follow a redirect to another host (SecureTransport).
            Transport = new HttpClientPipelineTransport(new HttpClient(recorder) { Timeout = Timeout.InfiniteTimeSpan }),
        };
        clientOptions.AddPolicy(new ModelWaitPolicy(), PipelinePosition.PerCall);
        if (options.Endpoint is { } endpoint)
        {
            clientOptions.Endpoint = endpoint;
        }

        // Local servers (Ollama, vLLM) take any key; the SDK insists on one.
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIChatCompletionService(options.Model, new OpenAIClient(key, clientOptions), loggers);
    }
}
