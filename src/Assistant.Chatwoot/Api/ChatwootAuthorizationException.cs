using System.Net;

namespace Assistant.Chatwoot.Api;

/// <summary>401/403: the token used lacks the permission, or is missing; the message names the setting.</summary>
public sealed class ChatwootAuthorizationException(string operation, HttpStatusCode? statusCode, ChatwootToken token, string message)
    : ChatwootApiException(operation, statusCode, message)
{
    public ChatwootToken Token { get; } = token;
}
