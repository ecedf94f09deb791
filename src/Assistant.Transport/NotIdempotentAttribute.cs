namespace Assistant.Transport;

/// <summary>
/// On a Refit API method: the call must not be repeated once the server may have acted on it (creating a message or a
/// contact). <see cref="RequestIdempotency"/> reads it from the request Refit built.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NotIdempotentAttribute : Attribute;
