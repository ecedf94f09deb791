using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// The service as its own operating-system process (<c>assistant serve</c>, built beside the tests), for drills that
/// kill it: settings go in as environment variables, exactly as an operator sets them; its output is kept and archived.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private ServiceProcess(IDictionary<string, string?> settings, int port)
    {
        Settings = settings;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public IDictionary<string, string?> Settings { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the service on a free loopback port and waits until it answers <c>/readyz</c>.</summary>
    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string?> settings)
    {
        var service = new ServiceProcess(settings, FreePort());
        await service.StartAsync();
        return service;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "assistant.dll"));
        start.ArgumentList.Add("serve");
        start.Environment["ASPNETCORE_URLS"] = BaseUrl.ToString();
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in Settings.Where(s => s.Value is not null))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The service process did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.WaitForAsync(IsReadyAsync, ready => ready || _process.HasExited, "the service process to be ready");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The service exited with {_process.ExitCode}:\n{string.Join('\n', _output)}");
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Http.Dispose();
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync("/readyz", CancellationToken.None);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            LogArchive.Append($"[service process] {line}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
