namespace Assistant.Chatwoot.Webhooks;

/// <summary>One value a widget visitor submitted: an <c>input_select</c> click (title, value) or a form field (name, value).</summary>
public sealed record SubmittedValue(string? Name, string? Title, string? Value);
