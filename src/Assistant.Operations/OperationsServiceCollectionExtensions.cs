using Assistant.Operations.Evals;
using Assistant.Operations.Reports;
using Assistant.Operations.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>The report, the decision timeline, the evals and the retention purge (<c>Retention__*</c>).</summary>
    public static IServiceCollection AddAssistantOperations(this IServiceCollection services)
    {
        services.AddSingleton<HistoryPurger>();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportRepository>();
        services.AddSingleton<TimelineRepository>();
        services.AddSingleton<EvalRunner>();
        return services;
    }
}
