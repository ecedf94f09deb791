using System.Net;

namespace Assistant.Tests.Infrastructure;

public sealed record FakeResponse(HttpStatusCode Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse Json(string body, HttpStatusCode status = HttpStatusCode.OK) => new(status, body);

    public static FakeResponse Error(HttpStatusCode status, string? body = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, body, headers);
}
