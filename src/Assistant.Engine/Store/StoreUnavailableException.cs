namespace Assistant.Engine.Store;

/// <summary>
/// The store could not answer: its platform is down, throttled past waiting, or refuses the credentials. The turn
/// fails like any outage (retried, then handed to a person with an apology), never answered from a guess. The message
/// names the setting to fix where one is at fault, and never holds a credential.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
