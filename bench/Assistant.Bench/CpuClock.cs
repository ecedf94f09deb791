using System.Globalization;

namespace Assistant.Bench;

/// <summary>
/// CPU time spent by processes, from /proc: the budget a burst has on a machine where the service, PostgreSQL and the
/// load generator share the cores. Time of PostgreSQL backends that exit between two readings is not counted.
/// </summary>
public static class CpuClock
{
    // USER_HZ: the unit of /proc/[pid]/stat times; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan OfProcess(int pid) => TimeSpan.FromSeconds(Ticks(pid) / TicksPerSecond);

    /// <summary>All processes named <c>postgres</c>: the postmaster, its backends and its background workers.</summary>
    public static TimeSpan OfPostgres()
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && Name(pid) == "postgres")
            {
                ticks += Ticks(pid);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string? Name(int pid) => Read(pid, "comm")?.Trim();

    private static long Ticks(int pid)
    {
        // Fields after the parenthesised name: state is the 3rd field, utime the 14th and stime the 15th.
        var stat = Read(pid, "stat");
        if (stat is null)
        {
            return 0;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static string? Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (IOException)
        {
            return null; // the process exited meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
