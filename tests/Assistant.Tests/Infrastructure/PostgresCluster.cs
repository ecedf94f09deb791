using System.Diagnostics;

namespace Assistant.Tests.Infrastructure;

/// <summary>A private PostgreSQL cluster of a drill's own (scripts/postgres.sh), which it may restart without
/// disturbing the rest of the suite's server.</summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"assistant-drill-{Guid.NewGuid():N}");

    private PostgresCluster()
    {
    }

    public string ConnectionString { get; private set; } = null!;

    public static async Task<PostgresCluster> StartAsync()
    {
        var cluster = new PostgresCluster();
        cluster.ConnectionString = (await cluster.ScriptAsync("start")).Trim();
        return cluster;
    }

    /// <summary>A fast restart on the same port: every open connection is cut.</summary>
    public Task RestartAsync() => ScriptAsync("restart");

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("stop");
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> ScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "postgres.sh"));
        start.ArgumentList.Add(verb);
        start.ArgumentList.Add(_folder);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"postgres.sh {verb} failed ({process.ExitCode}): {await error}");
    }
}
