using System.ComponentModel.DataAnnotations;

namespace Assistant.Engine.Turns;

public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>An OpenAI-compatible endpoint (Azure OpenAI v1, Ollama, vLLM, OpenRouter, ...); OpenAI when unset.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Admits an <c>http://</c> endpoint (a local Ollama or vLLM); otherwise the key travels only over https.</summary>
    public bool AllowPlainHttp { get; set; }

    public string? ApiKey { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Model calls per turn; the last one is made without tools so the model must answer.</summary>
    [Range(1, 40)]
    public int MaxToolRounds { get; set; } = 5;

    /// <summary>Consecutive failed tool calls before the turn gives up (and hands off).</summary>
    [Range(1, 20)]
    public int MaxConsecutiveToolErrors { get; set; } = 3;

    /// <summary>Tool calls run from one model answer; the rest are refused unrun.</summary>
    [Range(1, 20)]
    public int MaxToolCallsPerRound { get; set; } = 4;

    /// <summary>Tool calls run in one turn, all rounds together.</summary>
    [Range(1, 100)]
    public int MaxToolCallsPerTurn { get; set; } = 8;

    /// <summary>The longest one model call may take.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Transcript lines sent as history.</summary>
    [Range(1, 200)]
    public int MaxHistoryMessages { get; set; } = 20;

    /// <summary>Tokens of one transcript line sent as history; a longer message is cut.</summary>
    [Range(50, 20000)]
    public int MaxHistoryLineTokens { get; set; } = 500;

    /// <summary>Tokens of the whole history sent; older lines beyond it are left out.</summary>
    [Range(100, 100000)]
    public int MaxHistoryTokens { get; set; } = 3000;

    /// <summary>Price of a million input (prompt) tokens, in the store's currency; 0 when unset, so turns cost nothing.</summary>
    [Range(typeof(decimal), "0", "100000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal InputPricePerMillion { get; set; }

    /// <summary>Price of a million output (completion) tokens.</summary>
    [Range(typeof(decimal), "0", "100000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal OutputPricePerMillion { get; set; }

    public decimal CostOf(int inputTokens, int outputTokens) =>
        ((inputTokens * InputPricePerMillion) + (outputTokens * OutputPricePerMillion)) / 1_000_000m;

    /// <summary>With neither a key nor an endpoint the assistant runs offline (a model name alone is not enough).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) || Endpoint is not null;
}
