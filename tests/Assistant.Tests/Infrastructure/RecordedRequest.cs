using System.Text.Json;

namespace Assistant.Tests.Infrastructure;

/// <summary>A request a fake server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>Fires when the fake server stops: a held request (a model that never answers) ends with it.</summary>
    public CancellationToken Aborted { get; init; }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
