using System.Net;

namespace Assistant.Chatwoot.Api;

/// <summary>Chatwoot answered a call with an error. Messages never carry tokens.</summary>
public class ChatwootApiException(string operation, HttpStatusCode? statusCode, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Operation { get; } = operation;

    public HttpStatusCode? StatusCode { get; } = statusCode;
}
