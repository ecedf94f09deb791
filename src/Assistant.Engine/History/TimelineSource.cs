namespace Assistant.Engine.History;

/// <summary>
/// Entries another project adds to a conversation's timeline from its own tables: a <c>SELECT</c> of
/// <c>at, rank, kind, title, detail, milliseconds</c> for <c>@AccountId</c> and <c>@ConversationId</c>, joined into the
/// timeline's one query (so it still pages in one round trip) without the engine naming the owner's tables.
/// </summary>
public sealed record TimelineSource(string Sql);
