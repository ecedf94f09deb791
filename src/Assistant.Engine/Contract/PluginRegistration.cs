namespace Assistant.Engine.Contract;

/// <summary>A plugin class whose <c>[Description]</c> methods become tools named <c>{Name}_{Function}</c>.</summary>
public sealed record PluginRegistration(string Name, Type Type);
