using System.Collections.Concurrent;
using System.Reflection;
using Refit;

namespace Assistant.Transport;

/// <summary>
/// Whether a request may be repeated after the server could have acted on it. Refit puts the API interface and method
/// name on every request it builds; a method marked <see cref="NotIdempotentAttribute"/> is retried only when the
/// server certainly did nothing (429, or no connection was made).
/// </summary>
public static class RequestIdempotency
{
    private static readonly HttpRequestOptionsKey<Type> InterfaceType = new(HttpRequestMessageOptions.InterfaceType);
    private static readonly HttpRequestOptionsKey<string> MethodName = new(HttpRequestMessageOptions.MethodName);
    private static readonly HttpRequestOptionsKey<bool> MarkedByCaller = new("Assistant.NotIdempotent");
    private static readonly ConcurrentDictionary<(Type, string), bool> Marked = new();

    /// <summary>For a request built by hand (a store's write): the same rule as <see cref="NotIdempotentAttribute"/>.</summary>
    public static HttpRequestMessage MarkNotIdempotent(this HttpRequestMessage request)
    {
        request.Options.Set(MarkedByCaller, true);
        return request;
    }

    public static bool IsNotIdempotent(this HttpRequestMessage request) =>
        (request.Options.TryGetValue(MarkedByCaller, out var marked) && marked)
        || (request.Options.TryGetValue(InterfaceType, out var api) && request.Options.TryGetValue(MethodName, out var method)
            && Marked.GetOrAdd((api, method), static key => key.Item1.GetMethods()
                .Any(m => m.Name == key.Item2 && m.GetCustomAttribute<NotIdempotentAttribute>() is not null)));
}
