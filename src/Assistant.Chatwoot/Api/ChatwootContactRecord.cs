using System.Text.Json;

namespace Assistant.Chatwoot.Api;

public sealed record ChatwootContactRecord(
    long Id,
    string? Name,
    string? Email,
    string? PhoneNumber,
    string? Identifier,
    JsonElement AdditionalAttributes,
    JsonElement CustomAttributes);
