using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Architecture;

/// <summary>The bridge owns its tables: the engine's code never names them (it reaches them only through what the bridge registers).</summary>
public sealed class TableOwnershipTests
{
    [Fact]
    public void The_engines_code_never_names_the_bridges_tables()
    {
        var naming = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "Assistant.Engine"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("zendesk_", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f));

        Assert.Empty(naming);
    }
}
