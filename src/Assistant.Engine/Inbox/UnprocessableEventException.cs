namespace Assistant.Engine.Inbox;

/// <summary>The event can never be processed (a payload we cannot read): dead-letter it now rather than retry.</summary>
public sealed class UnprocessableEventException(string message, Exception? inner = null) : Exception(message, inner);
