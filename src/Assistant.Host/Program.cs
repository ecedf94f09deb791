using Assistant.Host.Cli;

return await AssistantCli.RunAsync(args);
