using Assistant.Engine.Prompts;

namespace Assistant.Host.Workers;

/// <summary>Loads the prompts at start, so a broken prompt or locale file stops the service before any customer meets it.</summary>
internal sealed class PromptCheckHostedService(PromptLibrary prompts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(prompts.Current);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
