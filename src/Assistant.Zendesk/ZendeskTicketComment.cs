namespace Assistant.Zendesk;

/// <summary>A comment as the comments API lists it.</summary>
public sealed record ZendeskTicketComment(long Id, string Body, bool Public, long AuthorId, bool ByStaff, DateTimeOffset? CreatedAt);
