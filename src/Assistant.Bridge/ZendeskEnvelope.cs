using System.Text.Json;
using Assistant.Transport;

namespace Assistant.Bridge;

/// <summary>An event-subscription webhook's envelope (reference/zendesk.md §1a): its id deduplicates, its ticket orders.</summary>
public sealed record ZendeskEnvelope(string EventId, string Type, long TicketId)
{
    public const string Source = "zendesk";

    public static ZendeskEnvelope? TryRead(ReadOnlySpan<byte> body, out string? error)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (!StorableJson.IsStorable(root, out var problem))
            {
                error = problem;
                return null;
            }

            var id = root.Property("id").String();
            var type = root.Property("type").String();
            var subject = root.Property("subject").String();
            var ticket = subject is not null && subject.StartsWith("zen:ticket:", StringComparison.Ordinal) && long.TryParse(subject["zen:ticket:".Length..], out var t)
                ? t
                : root.Path("detail", "id").Int64();
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(type) || ticket is null)
            {
                error = "The body is not a Zendesk ticket event (id, type and subject are required).";
                return null;
            }

            error = null;
            return new ZendeskEnvelope(id, type, ticket.Value);
        }
        catch (JsonException)
        {
            error = "The body is not valid JSON.";
            return null;
        }
    }
}
