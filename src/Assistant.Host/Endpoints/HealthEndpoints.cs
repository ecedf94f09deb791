using Assistant.Engine.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Assistant.Host.Endpoints;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthReport("alive", null))).WithName("Healthz");
        app.MapGet("/readyz", ReadyAsync).WithName("Readyz");
        return app;
    }

    /// <summary>Ready when the database answers and every migration is applied.</summary>
    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> ReadyAsync(
        DatabaseMigrator migrator, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var pending = await migrator.PendingAsync(timeout.Token);
            return pending.Count == 0
                ? TypedResults.Ok(new HealthReport("ready", null))
                : TypedResults.Json(new HealthReport("not ready", $"{pending.Count} migration(s) not applied"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return TypedResults.Json(new HealthReport("not ready", "database unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

public sealed record HealthReport(string Status, string? Reason);
