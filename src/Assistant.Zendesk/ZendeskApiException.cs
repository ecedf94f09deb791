using System.Net;

namespace Assistant.Zendesk;

/// <summary>Zendesk answered with an error; messages never carry the API token.</summary>
public class ZendeskApiException(string operation, HttpStatusCode? statusCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Operation { get; } = operation;

    public HttpStatusCode? StatusCode { get; } = statusCode;
}

/// <summary>The ticket is closed and cannot be updated: a follow-up ticket is needed.</summary>
public sealed class ZendeskTicketClosedException(string operation, string message) : ZendeskApiException(operation, HttpStatusCode.UnprocessableEntity, message);

/// <summary>Zendesk refused a record because a unique field's value belongs to another record (<c>DuplicateValue</c>).</summary>
public sealed class ZendeskDuplicateValueException(string operation, IReadOnlySet<string> fields, string message)
    : ZendeskApiException(operation, HttpStatusCode.UnprocessableEntity, message)
{
    /// <summary>The fields whose values are taken, e.g. <c>email</c>, <c>external_id</c>.</summary>
    public IReadOnlySet<string> Fields { get; } = fields;
}
