namespace Assistant.Engine.Configuration;

/// <summary>A setting is missing or malformed; the message names it and never includes its value.</summary>
public sealed class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
