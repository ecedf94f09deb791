using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Assistant.Engine.Turns;
using Assistant.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Assistant.Engine.Storage;

public static class DataServiceCollectionExtensions
{
    /// <summary>The state database (one <see cref="NpgsqlDataSource"/>), its migrator, the inbox and the conversation store.</summary>
    public static IServiceCollection AddAssistantData(this IServiceCollection services, IConfiguration configuration)
    {
        DapperConfiguration.Apply();
        var connection = PostgresConnection.Parse(configuration.GetConnectionString("Postgres"), PostgresConnection.StateSetting);
        connection.ApplicationName ??= "assistant";
        PostgresConnection.TuneForRepeatedStatements(connection);
        PostgresConnection.WithoutJit(connection);

        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(connection.ConnectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<InboxRepository>();
        services.AddSingleton<IInboxLeases>(sp => sp.GetRequiredService<InboxRepository>());
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxGroupCommit>();
        services.AddScoped<InboxCompletion>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton(sp =>
        {
            var budget = new WorkBudget(sp.GetRequiredService<IOptions<InboxOptions>>().Value.BusyWorkers);
            Telemetry.AssistantTelemetry.Observe(budget);
            return budget;
        });
        services.AddSingleton(sp => new Search.SearchAdmission(sp.GetRequiredService<IOptions<InboxOptions>>().Value.BusyWorkers));
        services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationRepository>();
        services.AddSingleton<TranscriptRepository>();
        services.AddInboxHandler<ChatwootEventHandler>(Chatwoot.Webhooks.ChatwootEnvelope.Source);
        services.AddSingleton<TurnScheduler>();
        services.AddSingleton<Routing.AssignmentRepository>();
        services.AddSingleton<Routing.HandoffRouter>();
        services.AddOptions<AssistantOptions>().BindConfiguration(AssistantOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AssistantOptions>, AssistantOptionsValidator>());
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
