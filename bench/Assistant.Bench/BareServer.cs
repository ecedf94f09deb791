namespace Assistant.Bench;

/// <summary>The reference: Kestrel reading the body and answering 200, with nothing else (no checks, no storage).</summary>
public static class BareServer
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/readyz", () => Results.Ok());
        app.MapPost("/webhooks/chatwoot", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            await reader.ReadToEndAsync();
            return Results.Ok(new { status = "accepted" });
        });
        await app.RunAsync();
        return 0;
    }
}
