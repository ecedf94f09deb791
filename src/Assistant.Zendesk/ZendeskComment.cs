using System.Text.Json.Nodes;

namespace Assistant.Zendesk;

/// <summary>A comment to write: plain body, explicit visibility (Zendesk otherwise keeps the ticket's first value), optional author.</summary>
public sealed record ZendeskComment(string Body, bool Public, long? AuthorId)
{
    public JsonObject ToJson()
    {
        var comment = new JsonObject { ["body"] = Body, ["public"] = Public };
        if (AuthorId is { } author)
        {
            comment["author_id"] = author;
        }

        return comment;
    }
}
