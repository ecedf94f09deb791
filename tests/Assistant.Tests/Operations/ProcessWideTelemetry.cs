namespace Assistant.Tests.Operations;

/// <summary>
/// Activity sources and meters are process-wide: a test reading what its exporter collected runs alone, or it would
/// also see the spans and counts of every service other test classes run at the same time.
/// </summary>
[CollectionDefinition(nameof(ProcessWideTelemetry), DisableParallelization = true)]
public sealed class ProcessWideTelemetry;
