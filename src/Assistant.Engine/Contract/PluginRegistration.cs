namespace Assistant.Engine.Contract;

/// <summary>A plugin class whose <c>[Description]</c> methods become tools named <c>{Name}_{Function}</c>.</summary>
/// <param name="IsOffered">
/// Whether the model is offered the plugin's tools this turn (read from the turn's services); always when null. A tool
/// the store switched off costs no prompt tokens.
/// </param>
public sealed record PluginRegistration(string Name, Type Type, Func<IServiceProvider, bool>? IsOffered = null);
