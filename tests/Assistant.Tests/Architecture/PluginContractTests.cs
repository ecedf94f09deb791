using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Architecture;

/// <summary>The plugins see the engine through its contract (Assistant.Engine.Contract and the store port), never the turn machinery.</summary>
public sealed class PluginContractTests
{
    [Fact]
    public void Plugins_never_name_the_engines_turn_machinery()
    {
        var naming = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "plugins"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("Engine.Turns", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f));

        Assert.Empty(naming);
    }
}
