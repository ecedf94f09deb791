using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers from scripted routes, records every request, and answers 501 to
/// (and remembers) any request nobody scripted, so tests can fail on unexpected calls.
/// </summary>
public class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private readonly List<Route> _routes = [];
    private readonly Lock _routesLock = new();

    protected FakeHttpServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<string> Unexpected => [.. _unexpected];

    /// <summary>
    /// Chaos for drills: asked about every request; a fault either replaces the answer before the route runs (nothing
    /// happened) or after it (the work was done but the response was lost).
    /// </summary>
    public Func<RecordedRequest, Fault?>? Faults { get; set; }

    protected static WebApplication CreateApp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    protected async Task StartServerAsync()
    {
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address + "/");
    }

    /// <summary>Answers matching requests; later registrations win, so a test can override a default.</summary>
    public void On(string method, string path, Func<RecordedRequest, FakeResponse> respond) =>
        OnAsync(method, path, request => Task.FromResult(respond(request)));

    public void OnAsync(string method, string path, Func<RecordedRequest, Task<FakeResponse>> respond)
    {
        lock (_routesLock)
        {
            _routes.Insert(0, new Route(method, path, respond));
        }
    }

    public void On(string method, string path, FakeResponse response) => On(method, path, _ => response);

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
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? "", headers, body)
        {
            Aborted = context.RequestAborted,
        };
        _requests.Enqueue(request);

        Route? route;
        lock (_routesLock)
        {
            route = _routes.FirstOrDefault(r => r.Method == request.Method && r.Path == request.Path);
        }

        if (route is null)
        {
            _unexpected.Enqueue($"{request.Method} {request.Path}{request.Query}");
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            return;
        }

        var fault = Faults?.Invoke(request);
        var response = fault is { AfterRoute: false } ? fault.Response : await route.Respond(request);
        if (fault is { AfterRoute: true })
        {
            response = fault.Response;
        }

        context.Response.StatusCode = (int)response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.Body);
        }
    }

    public sealed record Fault(FakeResponse Response, bool AfterRoute);

    private sealed record Route(string Method, string Path, Func<RecordedRequest, Task<FakeResponse>> Respond);
}
