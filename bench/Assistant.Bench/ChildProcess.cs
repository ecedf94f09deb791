using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Assistant.Bench;

/// <summary>A server under measurement in its own process, so its memory is its own and the load generator's is not.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>CPU time (user and system) the process has used so far.</summary>
    public TimeSpan CpuTime => CpuClock.OfProcess(_process.Id);

    public int ProcessId => _process.Id;

    /// <summary>Peak resident memory (VmHWM) so far, in MiB.</summary>
    public double PeakRssMiB
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
    }

    public static async Task<ChildProcess> StartAsync(string dll, IEnumerable<string> args, IDictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // Echoing every request's log line would load the harness's CPU, which the measured service shares; only
        // warnings and errors are shown, and the last lines when the child fails to start.
        var tail = new Queue<string>();
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 40)
                {
                    tail.Dequeue();
                }
            }

            if (line.Contains(" WRN ", StringComparison.Ordinal) || line.Contains(" ERR ", StringComparison.Ordinal) || line.Contains(" FTL ", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"  [{Path.GetFileNameWithoutExtension(dll)}] {line}");
            }
        }

        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Tail()
        {
            lock (tail)
            {
                return string.Join(Environment.NewLine, tail);
            }
        }

        var child = new ChildProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = child.BaseUrl };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{dll} exited with {process.ExitCode}:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return child;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{dll} did not become ready:{Environment.NewLine}{Tail()}");
    }

    /// <summary>Runs a CLI verb to completion (migrate, seed-demo, eval).</summary>
    public static async Task<int> RunToEndAsync(string dll, IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
