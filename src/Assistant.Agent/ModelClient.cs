using System.ClientModel;
using System.ClientModel.Primitives;
using Assistant.Engine.Turns;
using Assistant.Transport;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Assistant.Agent;

/// <summary>The model as an <see cref="IChatClient"/> over the official OpenAI SDK: any OpenAI-compatible endpoint.</summary>
public static class ModelClient
{
    /// <summary>The activity source and meter of model calls and the tool calls they lead to.</summary>
    public const string TelemetrySource = "Assistant.Llm";

    public static IChatClient Create(LlmOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
            // The key must not follow a redirect to another host.
            Transport = new HttpClientPipelineTransport(new HttpClient(SecureTransport.Handler()) { Timeout = Timeout.InfiniteTimeSpan }),
        };
        if (options.Endpoint is { } endpoint)
        {
            clientOptions.Endpoint = endpoint;
        }

        // Local servers (Ollama, vLLM) take any key; the SDK insists on one.
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey);
        return new ChatClient(options.Model, key, clientOptions).AsIChatClient();
    }
}
