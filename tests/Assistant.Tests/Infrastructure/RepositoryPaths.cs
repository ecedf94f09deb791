namespace Assistant.Tests.Infrastructure;

/// <summary>Folders of the repository the tests run from, so tests exercise the real prompt files.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Prompts => Path.Combine(Root, "prompts");

    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>Copies the shipped prompts folder to <paramref name="folder"/>, for a test that edits a file of it.</summary>
    public static void CopyPromptsTo(string folder)
    {
        foreach (var file in Directory.GetFiles(Prompts, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Prompts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Assistant.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository (Assistant.sln not found above the test binaries).");
    }
}
