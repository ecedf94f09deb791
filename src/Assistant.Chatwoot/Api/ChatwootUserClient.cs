using System.Text.Json;
using Assistant.Chatwoot.Webhooks;
using Assistant.Transport;

namespace Assistant.Chatwoot.Api;

/// <summary>
/// Calls a bot token may not make (contacts, message history), with the optional <c>Chatwoot__UserToken</c>.
/// Without it every call fails with an error that says so.
/// </summary>
public sealed class ChatwootUserClient(ChatwootApi api)
{
    public async Task<ChatwootContactRecord?> GetContactAsync(long accountId, long contactId, CancellationToken cancellationToken)
    {
        var response = await api.UserAsync("get contact", u => u.GetContactAsync(accountId, contactId, cancellationToken), cancellationToken);
        return response is { } body ? ParseContact(Unwrap(body)) : null;
    }

    /// <summary>
    /// The inbox's working hours. Only those fields are read: for an administrator's token the same answer carries
    /// the inbox's SMTP/IMAP passwords and HMAC token.
    /// </summary>
    public async Task<ChatwootInboxHours?> GetInboxHoursAsync(long accountId, long inboxId, CancellationToken cancellationToken)
    {
        var response = await api.UserAsync("get inbox", u => u.GetInboxAsync(accountId, inboxId, cancellationToken), cancellationToken);
        return response is { } body ? ChatwootInboxHours.Parse(Unwrap(body)) : null;
    }

    /// <summary>
    /// Whether the inbox enforces identity validation (<c>hmac_mandatory</c>) and sends CSAT surveys
    /// (<c>csat_survey_enabled</c>); null for an unknown inbox. Only those fields are read, as for the hours.
    /// </summary>
    public async Task<ChatwootInboxFlags?> GetInboxFlagsAsync(long accountId, long inboxId, CancellationToken cancellationToken)
    {
        var response = await api.UserAsync("get inbox", u => u.GetInboxAsync(accountId, inboxId, cancellationToken), cancellationToken);
        return response is { } body
            ? new ChatwootInboxFlags(Unwrap(body).Property("hmac_mandatory").Boolean() ?? false, Unwrap(body).Property("csat_survey_enabled").Boolean() ?? false)
            : null;
    }

    /// <summary>A team's agents with Chatwoot's effective availability (<c>online</c>, <c>busy</c>, <c>offline</c>).</summary>
    public async Task<IReadOnlyList<ChatwootAgent>> ListTeamMembersAsync(long accountId, long teamId, CancellationToken cancellationToken)
    {
        var response = await api.UserAsync("list team members", u => u.ListTeamMembersAsync(accountId, teamId, cancellationToken), cancellationToken);
        var items = response is { ValueKind: JsonValueKind.Array } array ? array
            : response?.Property("payload") is { ValueKind: JsonValueKind.Array } payload ? payload
            : (JsonElement?)null;
        return items is { } agents
            ? [.. agents.EnumerateArray().Select(a => new ChatwootAgent(a.Property("id").Int64() ?? 0, a.Property("availability_status").String() ?? "offline")).Where(a => a.Id > 0)]
            : [];
    }

    /// <summary>Matches name, email, phone and identifier; Chatwoot pages by 15.</summary>
    public async Task<ContactSearchPage> SearchContactsAsync(long accountId, string query, CancellationToken cancellationToken, int page = 1)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("Chatwoot needs a search text.", nameof(query));
        }

        var response = await api.UserAsync("search contacts", u => u.SearchContactsAsync(accountId, query, page, cancellationToken), cancellationToken);
        if (response is not { } body)
        {
            return new ContactSearchPage([], 0, false);
        }

        var contacts = body.Property("payload") is { ValueKind: JsonValueKind.Array } items
            ? items.EnumerateArray().Select(ParseContact).ToList()
            : [];
        return new ContactSearchPage(contacts, (int)(body.Path("meta", "count").Int64() ?? contacts.Count), body.Path("meta", "has_more").Boolean() ?? false);
    }

    public async Task<ChatwootContactRecord> UpdateContactAsync(long accountId, long contactId, ContactUpdate update, CancellationToken cancellationToken)
    {
        var response = await api.UserAsync("update contact", u => u.UpdateContactAsync(accountId, contactId, update, cancellationToken), cancellationToken)
            ?? throw new ChatwootApiException("update contact", System.Net.HttpStatusCode.NotFound, $"Chatwoot has no contact {contactId}.");
        return ParseContact(Unwrap(response));
    }

    /// <summary>A contact's conversations (id, inbox and custom attributes), newest first as Chatwoot lists them.</summary>
    public async Task<IReadOnlyList<(long Id, long? InboxId, JsonElement CustomAttributes)>> ListContactConversationsAsync(
        long accountId, long contactId, CancellationToken cancellationToken)
    {
        var response = await api.UserAsync("list contact conversations", u => u.ListContactConversationsAsync(accountId, contactId, cancellationToken), cancellationToken);
        return response?.Property("payload") is { ValueKind: JsonValueKind.Array } items
            ? [.. items.EnumerateArray()
                .Select(c => (Id: c.Property("id").Int64() ?? 0, InboxId: c.Property("inbox_id").Int64(), CustomAttributes: c.Property("custom_attributes").ObjectOrEmpty()))
                .Where(c => c.Id > 0)]
            : [];
    }

    /// <summary>Up to 20 messages, newest last; <paramref name="beforeMessageId"/> pages back in time.</summary>
    public async Task<IReadOnlyList<ChatwootMessage>> ListMessagesAsync(
        long accountId, long conversationId, CancellationToken cancellationToken, long? beforeMessageId = null)
    {
        var response = await api.UserAsync("list messages", u => u.ListMessagesAsync(accountId, conversationId, beforeMessageId, cancellationToken), cancellationToken);
        if (response?.Property("payload") is not { ValueKind: JsonValueKind.Array } items)
        {
            return [];
        }

        try
        {
            return items.EnumerateArray().Select(ChatwootEventParser.ParseMessage).ToList();
        }
        catch (FormatException ex)
        {
            throw new ChatwootApiException("list messages", null, $"Chatwoot's messages could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Creates a contact in an inbox, or, when its email is taken, finds it and adds it to the inbox.</summary>
    /// <returns>The contact and its source id in that inbox (what a conversation is created with).</returns>
    public async Task<(long ContactId, string SourceId)> CreateContactInInboxAsync(
        long accountId, long inboxId, string name, string? email, string identifier, CancellationToken cancellationToken)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["inbox_id"] = inboxId, ["name"] = name, ["identifier"] = identifier };
        if (!string.IsNullOrWhiteSpace(email))
        {
            body["email"] = email;
        }

        try
        {
            var created = await api.UserAsync("create contact", u => u.CreateContactAsync(accountId, body, cancellationToken), cancellationToken)
                ?? throw new ChatwootApiException("create contact", System.Net.HttpStatusCode.NotFound, $"Chatwoot has no account {accountId}.");
            var payload = created.Property("payload") ?? created;
            var contact = payload.Property("contact") ?? payload;
            var sourceId = payload.Path("contact_inbox", "source_id").String()
                ?? (contact.Property("contact_inboxes") is { ValueKind: JsonValueKind.Array } inboxes
                    ? inboxes.EnumerateArray().Select(i => i.Property("source_id").String()).FirstOrDefault(s => s is not null)
                    : null);
            var contactId = contact.Property("id").Int64() ?? throw new ChatwootApiException("create contact", null, "Chatwoot's answer has no contact id.");
            return (contactId, sourceId ?? await AddToInboxAsync(accountId, contactId, inboxId, cancellationToken));
        }
        catch (ChatwootApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity)
        {
            // Chatwoot keeps one contact per identifier and per email: reuse it (an earlier attempt may have made it).
            var existing = (await SearchContactsAsync(accountId, identifier, cancellationToken)).Contacts
                    .FirstOrDefault(c => string.Equals(c.Identifier, identifier, StringComparison.Ordinal))
                ?? (string.IsNullOrWhiteSpace(email) ? null : (await SearchContactsAsync(accountId, email, cancellationToken)).Contacts
                    .FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)));
            if (existing is null)
            {
                throw;
            }

            return (existing.Id, await AddToInboxAsync(accountId, existing.Id, inboxId, cancellationToken));
        }
    }

    private async Task<string> AddToInboxAsync(long accountId, long contactId, long inboxId, CancellationToken cancellationToken)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["inbox_id"] = inboxId };
        var response = await api.UserAsync("add contact to inbox", u => u.AddContactToInboxAsync(accountId, contactId, body, cancellationToken), cancellationToken);
        return response?.Property("source_id").String() ?? throw new ChatwootApiException("add contact to inbox", null, "Chatwoot's answer has no source id.");
    }

    private static JsonElement Unwrap(JsonElement body) =>
        body.Property("payload") is { ValueKind: JsonValueKind.Object } payload ? payload : body;

    private static ChatwootContactRecord ParseContact(JsonElement contact) => new(
        contact.Property("id").Int64() ?? throw new ChatwootApiException("read contact", null, "Chatwoot's contact has no id."),
        contact.Property("name").String(),
        contact.Property("email").String(),
        contact.Property("phone_number").String(),
        contact.Property("identifier").String(),
        contact.Property("additional_attributes").ObjectOrEmpty(),
        contact.Property("custom_attributes").ObjectOrEmpty());
}
