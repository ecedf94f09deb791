using System.Text.Json;
using Assistant.Transport;

namespace Assistant.Chatwoot.Webhooks;

/// <summary>
/// Where a webhook names its account. Message events carry a top-level <c>account</c>; conversation events before
/// Chatwoot 4.14.2 do not, and name it only in <c>messages[].account_id</c>, and not at all when <c>messages</c> is
/// empty (reference/chatwoot.md §1.5a). <c>Chatwoot__AccountId</c> fills that gap.
/// </summary>
public static class ChatwootAccount
{
    public const string MissingHelp = "Chatwoot before 4.14.2 leaves the account out of conversation events with no message: set Chatwoot__AccountId "
        + "to the account the bot serves, then requeue dead-lettered events with `assistant inbox replay`.";

    public static long? Of(JsonElement root, long? configured) =>
        Positive(root.Path("account", "id").Int64())
        ?? Positive(root.Path("conversation", "account", "id").Int64())
        ?? Positive(root.Path("current_conversation", "account", "id").Int64())
        ?? FromMessages(root.Property("messages"))
        ?? FromMessages(root.Path("conversation", "messages"))
        ?? Positive(root.Property("account_id").Int64())
        ?? Positive(root.Path("sender", "account", "id").Int64())
        ?? Positive(root.Path("contact", "account", "id").Int64())
        ?? configured;

    private static long? FromMessages(JsonElement? messages) =>
        messages is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.Object ? Positive(m.Property("account_id").Int64()) : null).FirstOrDefault(id => id is not null)
            : null;

    private static long? Positive(long? id) => id is > 0 ? id : null;
}
