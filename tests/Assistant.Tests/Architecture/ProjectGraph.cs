using System.Xml.Linq;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Architecture;

/// <summary>The product's projects (src/ and plugins/) as their .csproj files declare them, with what each reaches.</summary>
public sealed class ProjectGraph
{
    private readonly Dictionary<string, Project> _projects;

    private ProjectGraph(Dictionary<string, Project> projects) => _projects = projects;

    public IEnumerable<string> Names => _projects.Keys;

    public static ProjectGraph Load()
    {
        var files = new[] { "src", "plugins" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryPaths.Root, folder), "*.csproj", SearchOption.AllDirectories));
        var projects = files.Select(Read).ToDictionary(p => p.Name, StringComparer.Ordinal);
        return new ProjectGraph(projects);
    }

    /// <summary>Every product project <paramref name="name"/> references, directly or through others.</summary>
    public IReadOnlySet<string> ProjectsReachedFrom(string name)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(_projects[name].Projects);
        while (pending.TryPop(out var next))
        {
            if (reached.Add(next) && _projects.TryGetValue(next, out var project))
            {
                foreach (var further in project.Projects)
                {
                    pending.Push(further);
                }
            }
        }

        return reached;
    }

    /// <summary>The product projects <paramref name="name"/>'s .csproj names.</summary>
    public IReadOnlyList<string> DirectReferences(string name) => _projects[name].Projects;

    /// <summary>Every package <paramref name="name"/> or a project it reaches references by name.</summary>
    public IReadOnlySet<string> PackagesReachedFrom(string name) =>
        ProjectsReachedFrom(name).Append(name).Where(_projects.ContainsKey).SelectMany(p => _projects[p].Packages).ToHashSet(StringComparer.Ordinal);

    private static Project Read(string file)
    {
        var document = XDocument.Load(file);
        var projects = document.Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        var packages = document.Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value).ToList();
        return new Project(Path.GetFileNameWithoutExtension(file), projects, packages);
    }

    private sealed record Project(string Name, IReadOnlyList<string> Projects, IReadOnlyList<string> Packages);
}
