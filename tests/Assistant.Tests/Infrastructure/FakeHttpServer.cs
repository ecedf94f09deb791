using System.Collections.Concurrent;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// A WireMock.Net server on 127.0.0.1 whose mappings answer through callbacks, so a fake can keep state (messages,
/// tickets, scripted model turns). Every request is recorded. A request no mapping matches is answered 501 and
/// remembered, as is a callback that throws (WireMock would turn it into a plain 500): disposing the fake then fails
/// the test that made them.
/// </summary>
public class FakeHttpServer : IAsyncDisposable
{
    private const int CatchAllPriority = int.MaxValue;
    private const int PatternPriority = CatchAllPriority - 1;
    private readonly WireMockServer _server;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly ConcurrentQueue<Exception> _callbackErrors = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _nextPriority = PatternPriority;

    protected FakeHttpServer()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Logger = new WireMockNullLogger() });
        BaseUrl = new Uri(_server.Url! + "/");
        _server.Given(Request.Create().WithPath(new WildcardMatcher("*")).UsingAnyMethod())
            .AtPriority(CatchAllPriority)
            .RespondWith(Response.Create().WithCallback(message =>
            {
                var request = Record(message);
                _unexpected.Enqueue($"{request.Method} {request.Path}{request.Query}");
                return new ResponseMessage { StatusCode = 501 };
            }));
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<string> Unexpected => [.. _unexpected];

    /// <summary>
    /// Chaos for drills: asked about every request; a fault either replaces the answer before the route runs (nothing
    /// happened) or after it (the work was done but the response was lost).
    /// </summary>
    public Func<RecordedRequest, Fault?>? Faults { get; set; }

    /// <summary>Answers matching requests; later registrations win, so a test can override a default.</summary>
    public void On(string method, string path, Func<RecordedRequest, FakeResponse> respond) =>
        OnAsync(method, path, request => Task.FromResult(respond(request)));

    public void OnAsync(string method, string path, Func<RecordedRequest, Task<FakeResponse>> respond) =>
        _server.Given(Request.Create().WithPath(new ExactMatcher(path)).UsingMethod(method))
            .AtPriority(Interlocked.Decrement(ref _nextPriority))
            .RespondWith(Response.Create().WithCallback(message => AnswerAsync(message, respond)));

    public void On(string method, string path, FakeResponse response) => On(method, path, _ => response);

    /// <summary>
    /// Answers every request under a wildcard path no exact route matched, as the real server answers what it does not
    /// know (Chatwoot's 404 for a conversation it has no record of); those requests are expected, not failures.
    /// </summary>
    protected void OnAnyUnder(string wildcardPath, FakeResponse response) =>
        _server.Given(Request.Create().WithPath(new WildcardMatcher(wildcardPath)).UsingAnyMethod())
            .AtPriority(PatternPriority)
            .RespondWith(Response.Create().WithCallback(message =>
            {
                Record(message);
                return ToMessage(response);
            }));

    /// <summary>Answers every request under a wildcard path no exact route matched with <paramref name="respond"/> (a REST API's <c>/orders/{id}</c>).</summary>
    protected void OnAnyUnder(string wildcardPath, Func<RecordedRequest, FakeResponse> respond) =>
        _server.Given(Request.Create().WithPath(new WildcardMatcher(wildcardPath)).UsingAnyMethod())
            .AtPriority(PatternPriority)
            .RespondWith(Response.Create().WithCallback(message => AnswerAsync(message, request => Task.FromResult(respond(request)))));

    /// <summary>Answers with each response in turn, repeating the last.</summary>
    public void OnSequence(string method, string path, params FakeResponse[] responses)
    {
        var next = 0;
        On(method, path, _ => responses[Math.Min(Interlocked.Increment(ref next) - 1, responses.Length - 1)]);
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path).ToList();

    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _server.Stop();
        _server.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
        if (!_unexpected.IsEmpty || !_callbackErrors.IsEmpty)
        {
            throw new InvalidOperationException(
                $"{GetType().Name} received requests the test did not expect: "
                + string.Join("; ", _unexpected.Concat(_callbackErrors.Select(e => $"a callback failed: {e.Message}")).Take(20)));
        }
    }

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage message, Func<RecordedRequest, Task<FakeResponse>> respond)
    {
        var request = Record(message);
        try
        {
            var fault = Faults?.Invoke(request);
            var response = fault is { AfterRoute: false } ? fault.Response : await respond(request);
            return ToMessage(fault is { AfterRoute: true } ? fault.Response : response);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return new ResponseMessage { StatusCode = 503 };
        }
        catch (Exception ex)
        {
            _callbackErrors.Enqueue(ex);
            throw;
        }
    }

    private RecordedRequest Record(IRequestMessage message)
    {
        var headers = (message.Headers ?? new Dictionary<string, WireMockList<string>>())
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        var request = new RecordedRequest(message.Method, message.Path, message.RawQuery ?? "", headers, message.Body ?? "")
        {
            Aborted = _stopping.Token,
        };
        _requests.Enqueue(request);
        return request;
    }

    private static ResponseMessage ToMessage(FakeResponse response)
    {
        var message = new ResponseMessage { StatusCode = (int)response.Status };
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            message.AddHeader(name, value);
        }

        if (response.Body is not null)
        {
            message.BodyData = new BodyData { BodyAsString = response.Body, DetectedBodyType = BodyType.String };
            message.AddHeader("Content-Type", "application/json; charset=utf-8");
        }

        return message;
    }

    public sealed record Fault(FakeResponse Response, bool AfterRoute);
}
