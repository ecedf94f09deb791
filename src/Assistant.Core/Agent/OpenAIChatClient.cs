using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Assistant.Core.Http;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace Assistant.Core.Agent;

/// <summary>
/// <see cref="IChatClient"/> over the official OpenAI SDK, modelled on Microsoft.Extensions.AI.OpenAI's adapter (not
/// restorable here): messages, tools and usage map one to one, so any OpenAI-compatible endpoint works.
/// </summary>
public sealed class OpenAIChatClient : IChatClient
{
    private readonly ChatClient _client;

    public OpenAIChatClient(LlmOptions options)
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
        _client = new ChatClient(options.Model, new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey), clientOptions);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var completion = (await _client.CompleteChatAsync(ToOpenAI(messages), ToOpenAI(options), cancellationToken)).Value;
        var contents = new List<AIContent>();
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (text.Length > 0)
        {
            contents.Add(new TextContent(text));
        }

        foreach (var call in completion.ToolCalls)
        {
            contents.Add(new FunctionCallContent(call.Id, call.FunctionName, ParseArguments(call.FunctionArguments)));
        }

        return new ChatResponse(new AIChatMessage(AIChatRole.Assistant, contents))
        {
            ModelId = completion.Model,
            FinishReason = completion.FinishReason switch
            {
                OpenAI.Chat.ChatFinishReason.ToolCalls => Microsoft.Extensions.AI.ChatFinishReason.ToolCalls,
                OpenAI.Chat.ChatFinishReason.Length => Microsoft.Extensions.AI.ChatFinishReason.Length,
                OpenAI.Chat.ChatFinishReason.ContentFilter => Microsoft.Extensions.AI.ChatFinishReason.ContentFilter,
                _ => Microsoft.Extensions.AI.ChatFinishReason.Stop,
            },
            Usage = completion.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The assistant sends whole messages; streaming is not used.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private ChatCompletionOptions ToOpenAI(ChatOptions? options)
    {
        var result = new ChatCompletionOptions { Temperature = options?.Temperature, MaxOutputTokenCount = options?.MaxOutputTokens };
        foreach (var tool in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
        {
            result.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
        }

        return result;
    }

    private static List<OpenAIChatMessage> ToOpenAI(IEnumerable<AIChatMessage> messages)
    {
        var result = new List<OpenAIChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == AIChatRole.System)
            {
                result.Add(new SystemChatMessage(message.Text));
            }
            else if (message.Role == AIChatRole.User)
            {
                result.Add(new UserChatMessage(message.Text));
            }
            else if (message.Role == AIChatRole.Tool)
            {
                foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
                {
                    result.Add(new ToolChatMessage(toolResult.CallId, ResultText(toolResult.Result)));
                }
            }
            else
            {
                var calls = message.Contents.OfType<FunctionCallContent>()
                    .Select(c => ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromString(JsonSerializer.Serialize(c.Arguments, AgentJsonContext.Default.IDictionaryStringObject))))
                    .ToList();
                var assistant = calls.Count > 0 ? new AssistantChatMessage(calls) : new AssistantChatMessage(message.Text);
                if (calls.Count > 0 && !string.IsNullOrEmpty(message.Text))
                {
                    assistant.Content.Add(ChatMessageContentPart.CreateTextPart(message.Text));
                }

                result.Add(assistant);
            }
        }

        return result;
    }

    private static string ResultText(object? result) => result switch
    {
        null => "null",
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, AgentJsonContext.Default.Options.GetTypeInfo(result.GetType())),
    };

    private static Dictionary<string, object?> ParseArguments(BinaryData arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments.ToString());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
                : [];
        }
        catch (JsonException)
        {
            // A model that writes broken JSON gets an error back from the tool call, not a crash of the turn.
            return [];
        }
    }
}
