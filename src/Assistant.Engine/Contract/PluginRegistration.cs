namespace Assistant.Engine.Contract;

/// <summary>A plugin class whose <c>[Description]</c> methods become tools named <c>{Name}_{Function}</c>.</summary>
/// <param name="Offers">
/// Whether the model is offered a function of the plugin (by its function name) this turn, read from the turn's
/// services; every function when null. A tool the store switched off costs no prompt tokens.
/// </param>
public sealed record PluginRegistration(string Name, Type Type, Func<IServiceProvider, string, bool>? Offers = null);
