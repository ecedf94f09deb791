namespace Assistant.Agent;

/// <summary>Too many consecutive tool calls failed.</summary>
public sealed class ToolErrorLimitException(int errors, Exception? last) : Exception($"{errors} consecutive tool calls failed.", last);
