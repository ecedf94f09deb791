using System.Diagnostics;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Assistant.Tests.Operations;

/// <summary>Traces and metrics of a whole conversation, exported by OTLP to a fake collector and read from an in-memory exporter.</summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class TelemetryTests : ConversationTestBase
{
    private readonly FakeCollector _collector = new();
    private readonly ConcurrentList<Activity> _spans = new();
    private readonly ConcurrentList<Metric> _metrics = new();

    [Fact]
    public async Task One_trace_runs_from_the_webhook_through_the_queue_to_the_model_tools_and_chatwoot()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042"}""").ThenText("Your order 1042 is on its way!");
        await StartWithTelemetryAsync();

        // Act
        await SayAsync(VerifiedJane("Where is order 1042?"));
        await SettledTurnsAsync();
        Flush();

        // Assert
        var request = Assert.Single(_spans, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/webhooks/chatwoot", StringComparison.Ordinal));
        var trace = _spans.Where(s => s.TraceId == request.TraceId).ToList();
        Assert.Contains(trace, s => s.DisplayName == "process message_created" && s.Kind == ActivityKind.Consumer);
        Assert.Contains(trace, s => s.DisplayName == "process turn_due");
        var turn = Assert.Single(trace, s => s.DisplayName == "turn");
        Assert.Equal("answered", turn.GetTagItem("assistant.turn.outcome"));
        Assert.Equal(2, trace.Count(s => s.Source.Name == "Assistant.Llm" && s.DisplayName.StartsWith("chat", StringComparison.Ordinal)));
        Assert.Contains(trace, s => s.DisplayName.Contains("Replies_ShowOrder", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.GetTagItem("url.full") is string url && url.Contains("/conversations/42/messages", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Source.Name == "Npgsql");
        Assert.NotEmpty(_collector.RequestsTo("POST", "/v1/traces"));
    }

    [Fact]
    public async Task Spans_carry_no_secret_and_no_customer_words()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Hello Jane!");
        await StartWithTelemetryAsync();

        await SayAsync(VerifiedJane($"Hello, my token is {KnownSecrets.PubsubToken}"));
        await SettledTurnsAsync();
        Flush();

        var values = _spans.SelectMany(s => s.TagObjects.Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
            .Append(s.DisplayName).Concat(s.Events.Select(e => e.Name))).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.DoesNotContain(KnownSecrets.All, v.Contains));
        Assert.DoesNotContain(values, v => v.Contains("Hello Jane", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_count_webhooks_turns_tokens_cost_and_handoffs()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Handoff_HandOff", """{"reason":"refund","summary":"Wants a refund."}""").ThenText("Passing you on.");
        await StartWithTelemetryAsync(settings =>
        {
            settings["Llm:InputPricePerMillion"] = "0.15";
            settings["Llm:OutputPricePerMillion"] = "0.60";
        });

        await SayAsync(VerifiedJane("I want my money back"));
        await SettledTurnsAsync();
        Flush();

        Assert.Equal(1, Sum("assistant.webhooks", ("result", "accepted"), ("source", "chatwoot")));
        Assert.Equal(1, Sum("assistant.handoffs", ("reason", "refund")));
        Assert.Equal(240, Sum("assistant.llm.tokens", ("gen_ai.token.type", "input"), ("gen_ai.request.model", "gpt-test")));
        Assert.Equal(30, Sum("assistant.llm.tokens", ("gen_ai.token.type", "output")));
        Assert.Equal(0.000054, Sum("assistant.llm.cost"), precision: 9);
        Assert.Equal(1, HistogramCount("assistant.turn.duration", ("outcome", "handed_off")));
        Assert.Contains(_metrics, m => m.Name == "assistant.inbox.depth");
        Assert.Contains(_metrics, m => m.Name == "assistant.inbox.age");
        Assert.Contains(_metrics, m => m.Name == "assistant.inbox.busy");
        Assert.NotEmpty(_collector.RequestsTo("POST", "/v1/metrics"));
    }

    [Fact]
    public async Task Without_an_otlp_endpoint_nothing_is_collected()
    {
        await StartServerAsync(withLlm: false);

        Assert.Null(Server.Services.GetService<TracerProvider>());
        Assert.Null(Server.Services.GetService<MeterProvider>());
    }

    private async Task StartWithTelemetryAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = DefaultSettings();
        settings["Llm:Endpoint"] = OpenAI.Endpoint.ToString();
        settings["Llm:AllowPlainHttp"] = "true";
        settings["Llm:ApiKey"] = KnownSecrets.LlmApiKey;
        settings["Llm:Model"] = "gpt-test";
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.BaseUrl.ToString().TrimEnd('/');
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        configure?.Invoke(settings);
        await StartServerAsync(settings, services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans))
            .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics)));
    }

    private void Flush()
    {
        Server.Services.GetRequiredService<TracerProvider>().ForceFlush();
        Server.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    private IEnumerable<(MetricType Type, MetricPoint Point)> Points(string name, (string Key, string Value)[] tags)
    {
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, string?>();
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
                }

                if (tags.All(t => pointTags.GetValueOrDefault(t.Key) == t.Value))
                {
                    yield return (metric.MetricType, point);
                }
            }
        }
    }

    private double Sum(string name, params (string Key, string Value)[] tags)
    {
        // The in-memory exporter keeps every export; cumulative temporality makes the last one the total.
        var latest = Points(name, tags).GroupBy(p => string.Join(",", Tags(p.Point))).Select(g => g.Last());
        return latest.Sum(p => p.Type == MetricType.LongSum ? p.Point.GetSumLong() : p.Point.GetSumDouble());
    }

    private long HistogramCount(string name, params (string Key, string Value)[] tags) =>
        Points(name, tags).GroupBy(p => string.Join(",", Tags(p.Point))).Select(g => g.Last()).Sum(p => p.Point.GetHistogramCount());

    private static IEnumerable<string> Tags(MetricPoint point)
    {
        var list = new List<string>();
        foreach (var tag in point.Tags)
        {
            list.Add($"{tag.Key}={tag.Value}");
        }

        return list;
    }

    protected override async ValueTask DisposeExtrasAsync() => await _collector.DisposeAsync();
}
