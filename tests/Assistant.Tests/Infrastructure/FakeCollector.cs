namespace Assistant.Tests.Infrastructure;

/// <summary>An OpenTelemetry collector's OTLP/HTTP receiver: takes traces and metrics and answers 200.</summary>
public sealed class FakeCollector : FakeHttpServer
{
    public FakeCollector()
    {
        On("POST", "/v1/traces", FakeResponse.Json("{}"));
        On("POST", "/v1/metrics", FakeResponse.Json("{}"));
        On("POST", "/v1/logs", FakeResponse.Json("{}"));
    }
}
