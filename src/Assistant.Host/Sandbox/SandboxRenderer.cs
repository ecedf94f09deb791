using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Host.Sandbox;

/// <summary>Draws what the bot sent as terminal text: cards and articles as boxes, choices numbered, forms as their fields.</summary>
public static class SandboxRenderer
{
    public static string Render(SandboxEvent e) => e.Kind switch
    {
        "message" => Message(e.Message!),
        "note" => $"  [private note for the team]\n{Indent(e.Text, "  │ ")}",
        "status" => $"  [status → {e.Text}]",
        "labels" => $"  [labels: {e.Text}]",
        "team" => $"  [assigned to team {e.Text}]",
        "assignee" => $"  [assigned to agent {e.Text}]",
        "priority" => $"  [priority: {e.Text}]",
        _ => string.Empty,
    };

    private static string Message(JsonObject message)
    {
        var text = new StringBuilder();
        var items = message["content_attributes"]?["items"]?.AsArray() ?? [];
        switch (message["content_type"]?.GetValue<string>())
        {
            case "cards":
                foreach (var card in items)
                {
                    text.AppendLine($"bot ┌ {card!["title"]}").AppendLine($"    │ {card["description"]}");
                    if (card["media_url"] is { } image)
                    {
                        text.AppendLine($"    │ (image: {image})");
                    }

                    foreach (var action in card["actions"]?.AsArray() ?? [])
                    {
                        text.AppendLine($"    │ [{action!["text"]}] {action["uri"] ?? action["payload"]}");
                    }

                    text.AppendLine("    └");
                }

                return text.ToString().TrimEnd();
            case "input_select":
                text.AppendLine($"bot: {message["content"]}");
                for (var i = 0; i < items.Count; i++)
                {
                    text.AppendLine($"     {i + 1}) {items[i]!["title"]}");
                }

                return text.Append("     (type a number to choose)").ToString();
            case "form":
                text.AppendLine($"bot: {message["content"]}");
                foreach (var field in items)
                {
                    text.AppendLine($"     ▭ {field!["label"]} ({field["type"]}){(field["default"] is { } value ? $" = {value}" : string.Empty)}");
                }

                return text.Append("     (type /form to fill it in)").ToString();
            case "article":
                foreach (var article in items)
                {
                    text.AppendLine($"bot ┌ {article!["title"]}").AppendLine($"    │ {article["description"]}").AppendLine($"    │ [read] {article["link"]}").AppendLine("    └");
                }

                return text.ToString().TrimEnd();
            default:
                return Indent(message["content"]?.GetValue<string>() ?? string.Empty, "bot: ", "     ");
        }
    }

    private static string Indent(string text, string first, string? rest = null)
    {
        var lines = text.Split('\n');
        return string.Join('\n', lines.Select((l, i) => (i == 0 ? first : rest ?? first) + l));
    }
}
