namespace Assistant.Engine.History;

/// <summary>
/// History another project keeps in its own tables, deleted with the conversation history it belongs to: the owner
/// registers the statement (which deletes at most <c>@Batch</c> rows older than <c>@Before</c>), so the engine never
/// names another project's tables.
/// </summary>
public sealed record HistoryPurgeStatement(string Name, string Sql);
