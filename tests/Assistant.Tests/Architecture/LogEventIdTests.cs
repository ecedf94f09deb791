using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Assistant.Tests.Architecture;

/// <summary>A log event's id names one event: dashboards and alerts filter by it.</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_has_an_event_id_of_its_own()
    {
        var messages = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => Path.GetFileNameWithoutExtension(f) is var name && (name.StartsWith("Assistant.", StringComparison.Ordinal) || name == "assistant") && name != "Assistant.Tests")
            .SelectMany(f => Assembly.Load(AssemblyName.GetAssemblyName(f)).GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(messages.Count > 50, $"only {messages.Count} log messages found: are the product's assemblies loaded?");
        var shared = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");
        Assert.Empty(shared);
    }
}
