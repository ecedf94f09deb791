using System.Reflection;

namespace Assistant.Tests.Architecture;

/// <summary>
/// The arrows of the design (../shared/design.md, Layout) are project references; these fail the build's tests the
/// moment a reference points the wrong way, whether in a .csproj or in a compiled assembly.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly ProjectGraph Graph = ProjectGraph.Load();

    [Theory]
    [InlineData("Assistant.Plugins", "Assistant.Agent")]
    [InlineData("Assistant.Plugins", "Assistant.Bridge")]
    [InlineData("Assistant.Plugins", "Assistant.Host")]
    [InlineData("Assistant.Chatwoot", "Assistant.Zendesk")]
    [InlineData("Assistant.Zendesk", "Assistant.Chatwoot")]
    [InlineData("Assistant.Engine", "Assistant.Agent")]
    [InlineData("Assistant.Engine", "Assistant.Bridge")]
    [InlineData("Assistant.Engine", "Assistant.Zendesk")]
    [InlineData("Assistant.Engine", "Assistant.Plugins")]
    [InlineData("Assistant.Engine", "Assistant.Host")]
    [InlineData("Assistant.Agent", "Assistant.Plugins")]
    [InlineData("Assistant.Agent", "Assistant.Bridge")]
    [InlineData("Assistant.Agent", "Assistant.Zendesk")]
    [InlineData("Assistant.Bridge", "Assistant.Agent")]
    [InlineData("Assistant.Bridge", "Assistant.Plugins")]
    [InlineData("Assistant.Plugins", "Assistant.Stores")]
    [InlineData("Assistant.Engine", "Assistant.Stores")]
    [InlineData("Assistant.Stores", "Assistant.Plugins")]
    [InlineData("Assistant.Stores", "Assistant.Agent")]
    [InlineData("Assistant.Stores", "Assistant.Bridge")]
    [InlineData("Assistant.Stores", "Assistant.Zendesk")]
    [InlineData("Assistant.Engine", "Assistant.Operations")]
    [InlineData("Assistant.Plugins", "Assistant.Operations")]
    [InlineData("Assistant.Agent", "Assistant.Operations")]
    [InlineData("Assistant.Bridge", "Assistant.Operations")]
    [InlineData("Assistant.Stores", "Assistant.Operations")]
    [InlineData("Assistant.Operations", "Assistant.Agent")]
    [InlineData("Assistant.Operations", "Assistant.Plugins")]
    public void Project_never_reaches_a_project_the_design_keeps_it_from(string project, string forbidden)
    {
        Assert.DoesNotContain(forbidden, Graph.ProjectsReachedFrom(project));
        Assert.DoesNotContain(forbidden, CompiledReferences(project));
    }

    /// <summary>
    /// The engine speaks Chatwoot for them: the agent and the plugins add channel-neutral replies to the turn's plan
    /// (Engine.Contract's <c>Reply</c>), rendered in Engine/Rendering, and never name a Chatwoot type.
    /// </summary>
    [Theory]
    [InlineData("Assistant.Agent", "Assistant.Chatwoot")]
    [InlineData("Assistant.Plugins", "Assistant.Chatwoot")]
    public void Project_never_uses_what_it_reaches_only_through_the_engine(string project, string forbidden)
    {
        Assert.DoesNotContain(forbidden, Graph.DirectReferences(project));
        Assert.DoesNotContain(forbidden, CompiledReferences(project));
    }

    [Fact]
    public void Nothing_but_the_host_references_the_host()
    {
        var referrers = Graph.Names.Where(name => name != "Assistant.Host" && Graph.ProjectsReachedFrom(name).Contains("Assistant.Host"));

        Assert.Empty(referrers);
    }

    /// <remarks>Transitive project references are off (Directory.Build.props), so a project's .csproj is its whole list.</remarks>
    [Fact]
    public void Every_project_an_assembly_uses_is_named_in_its_csproj()
    {
        var undeclared = Graph.Names.SelectMany(project => CompiledReferences(project)
            .Where(Graph.Names.Contains).Except(Graph.DirectReferences(project)).Select(used => $"{project} uses {used}"));

        Assert.Empty(undeclared);
    }

    [Fact]
    public void Transport_stands_on_no_other_project()
    {
        Assert.Empty(Graph.ProjectsReachedFrom("Assistant.Transport"));
    }

    [Theory]
    [InlineData("Microsoft.SemanticKernel.Connectors.OpenAI")]
    [InlineData("Microsoft.SemanticKernel.Core")]
    [InlineData("Microsoft.Extensions.AI.OpenAI")]
    [InlineData("OpenAI")]
    public void Plugins_see_semantic_kernel_abstractions_but_never_the_connector(string package)
    {
        Assert.DoesNotContain(package, Graph.PackagesReachedFrom("Assistant.Plugins"));
        Assert.DoesNotContain(package, CompiledReferences("Assistant.Plugins"));
        Assert.Contains("Microsoft.SemanticKernel.Abstractions", Graph.PackagesReachedFrom("Assistant.Plugins"));
    }

    [Fact]
    public void Design_arrows_that_must_exist_do()
    {
        Assert.Contains("Assistant.Engine", Graph.ProjectsReachedFrom("Assistant.Agent"));
        Assert.Contains("Assistant.Engine", Graph.ProjectsReachedFrom("Assistant.Bridge"));
        Assert.Contains("Assistant.Zendesk", Graph.ProjectsReachedFrom("Assistant.Bridge"));
        Assert.Contains("Assistant.Chatwoot", Graph.ProjectsReachedFrom("Assistant.Bridge"));
        Assert.Contains("Assistant.Engine", Graph.ProjectsReachedFrom("Assistant.Plugins"));
        Assert.Contains("Assistant.Engine", Graph.ProjectsReachedFrom("Assistant.Stores"));
        Assert.Contains("Assistant.Engine", Graph.ProjectsReachedFrom("Assistant.Operations"));
    }

    /// <summary>What the built assembly actually loads, which a reference smuggled in another way would show.</summary>
    private static IReadOnlySet<string> CompiledReferences(string project)
    {
        var assembly = Assembly.Load(project == "Assistant.Host" ? "assistant" : project);
        return assembly.GetReferencedAssemblies().Select(a => a.Name!).ToHashSet(StringComparer.Ordinal);
    }
}
