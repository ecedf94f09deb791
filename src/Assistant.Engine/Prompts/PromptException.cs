namespace Assistant.Engine.Prompts;

/// <summary>A prompt or locale file is missing or wrong; the message names the file and what is wrong with it.</summary>
public sealed class PromptException(string message, Exception? inner = null) : Exception(message, inner);
