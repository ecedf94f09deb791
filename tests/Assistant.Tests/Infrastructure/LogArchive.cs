namespace Assistant.Tests.Infrastructure;

/// <summary>
/// Every log line the whole test run wrote (in-process hosts and child processes), in one file under
/// <c>ASSISTANT_TEST_LOG_DIR</c>, beside the list of the secret values tests use: scripts/test.sh scans the one for the
/// other after the run, so a leak anywhere in any test fails the run.
/// </summary>
public static class LogArchive
{
    private static readonly Lock Gate = new();
    private static readonly StreamWriter? Writer = Open();

    public static void Append(string line)
    {
        if (Writer is null)
        {
            return;
        }

        lock (Gate)
        {
            Writer.WriteLine(line.ReplaceLineEndings(" "));
        }
    }

    private static StreamWriter? Open()
    {
        var folder = Environment.GetEnvironmentVariable("ASSISTANT_TEST_LOG_DIR");
        if (string.IsNullOrWhiteSpace(folder))
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "secrets.txt"), KnownSecrets.All);
        var stream = new FileStream(Path.Combine(folder, "run.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        return new StreamWriter(stream) { AutoFlush = true };
    }
}
