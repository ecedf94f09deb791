using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Assistant.Bench;

/// <summary>
/// The service's own runtime counters (the <c>System.Runtime</c> event counters <c>dotnet-counters</c> shows) over a
/// measured window, read through the diagnostics port once a second: how much of the window the GC paused it, and how
/// far the thread pool fell behind. They tell whether a latency tail comes from the GC, from a thread pool short of
/// threads, or from plain CPU.
/// </summary>
public sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly EventPipeEventSource _source;
    private readonly Task _reading;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<double>> _samples = [];

    private RuntimeCounters(EventPipeSession session)
    {
        _session = session;
        _source = new EventPipeEventSource(session.EventStream);
        _source.Dynamic.All += Record;
        _reading = Task.Run(_source.Process);
    }

    public static RuntimeCounters Start(int processId)
    {
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        return new RuntimeCounters(new DiagnosticsClient(processId).StartEventPipeSession([provider], requestRundown: false));
    }

    /// <summary>Forgets what was read so far: the window starts now.</summary>
    public void Restart()
    {
        lock (_lock)
        {
            _samples.Clear();
        }
    }

    /// <summary>The window so far, per second of it.</summary>
    public Summary Read()
    {
        lock (_lock)
        {
            double Sum(string name) => _samples.GetValueOrDefault(name)?.Sum() ?? 0;
            double Max(string name) => _samples.GetValueOrDefault(name) is { Count: > 0 } values ? values.Max() : 0;
            var seconds = _samples.GetValueOrDefault("gen-0-gc-count")?.Count ?? 0;
            if (seconds == 0)
            {
                return Summary.None;
            }

            return new Summary(
                GcsPerSecond: (Sum("gen-0-gc-count") + Sum("gen-1-gc-count") + Sum("gen-2-gc-count")) / seconds,
                Gen2Gcs: Sum("gen-2-gc-count"),
                GcPausePercent: Sum("total-pause-time-by-gc") / (seconds * 1000.0) * 100,
                MaxQueueLength: Max("threadpool-queue-length"),
                MaxThreads: Max("threadpool-thread-count"),
                LockContentionsPerSecond: Sum("monitor-lock-contention-count") / seconds,
                AllocatedMiBPerSecond: Sum("alloc-rate") / seconds / (1024 * 1024));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (ServerNotAvailableException)
        {
            // The service already exited.
        }

        await _reading;
        _source.Dispose();
        _session.Dispose();
    }

    private void Record(TraceEvent data)
    {
        if (data.EventName != "EventCounters" || data.PayloadValue(0) is not IDictionary<string, object> outer
            || outer["Payload"] is not IDictionary<string, object> payload)
        {
            return;
        }

        var name = (string)payload["Name"];
        var value = Convert.ToDouble(payload.TryGetValue("Increment", out var increment) ? increment : payload["Mean"], CultureInfo.InvariantCulture);
        lock (_lock)
        {
            if (!_samples.TryGetValue(name, out var values))
            {
                _samples[name] = values = [];
            }

            values.Add(value);
        }
    }

    /// <param name="GcPausePercent">Share of the window the GC held the service's threads paused.</param>
    /// <param name="MaxQueueLength">Most work items waiting for a thread-pool thread in any one second.</param>
    public sealed record Summary(
        double GcsPerSecond, double Gen2Gcs, double GcPausePercent, double MaxQueueLength, double MaxThreads,
        double LockContentionsPerSecond, double AllocatedMiBPerSecond)
    {
        /// <summary>No counters arrived: the window was shorter than their one-second interval.</summary>
        public static readonly Summary None = new(double.NaN, 0, 0, 0, 0, 0, 0);

        public override string ToString() => double.IsNaN(GcsPerSecond) ? "no counter sample (the window was under a second)" : string.Create(CultureInfo.InvariantCulture,
            $"GC {GcsPerSecond:F1}/s ({Gen2Gcs:F0} gen 2), paused {GcPausePercent:F1}% of the time; thread pool at most {MaxThreads:F0} threads, {MaxQueueLength:F0} items queued; {LockContentionsPerSecond:F0} lock contentions/s; {AllocatedMiBPerSecond:F0} MiB/s allocated");
    }
}
