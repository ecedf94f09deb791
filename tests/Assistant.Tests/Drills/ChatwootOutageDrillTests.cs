using System.Net;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Drills;

/// <summary>Chatwoot answers 500 or 429 to 30% of the service's calls while conversations stream in.</summary>
public sealed class ChatwootOutageDrillTests : DrillBase
{
    [Fact]
    public async Task Every_reply_is_delivered_once_when_chatwoot_fails_thirty_percent_of_calls()
    {
        // Arrange: of the failed calls, half are 429s, a quarter 500s before Chatwoot did anything, and a quarter 500s
        // after it did the work (the response was lost): the hardest case for "exactly once".
        var random = new Random(20261122);
        var gate = new Lock();
        Chatwoot.Faults = _ =>
        {
            double roll;
            lock (gate)
            {
                roll = random.NextDouble();
            }

            return roll switch
            {
                < 0.15 => new FakeHttpServer.Fault(FakeResponse.Error(HttpStatusCode.TooManyRequests, headers: new Dictionary<string, string> { ["Retry-After"] = "0" }), AfterRoute: false),
                < 0.225 => new FakeHttpServer.Fault(FakeResponse.Error(HttpStatusCode.InternalServerError), AfterRoute: false),
                < 0.30 => new FakeHttpServer.Fault(FakeResponse.Error(HttpStatusCode.InternalServerError), AfterRoute: true),
                _ => null,
            };
        };
        var server = await StartServerAsync(Settings());
        Chatwoot.EchoTo = server.Http;
        var acknowledged = new List<long>();

        // Act
        for (var n = 0; n < 36; n++)
        {
            var message = CustomerMessage(n);
            if (await DeliverLikeChatwootAsync(server.Http, message.ToJson()))
            {
                acknowledged.Add(message.MessageId);
            }

            await Task.Delay(40, TestContext.Current.CancellationToken);
        }

        var answers = await AnswersOnceSettledAsync(acknowledged);

        // Assert
        Assert.Equal(36, acknowledged.Count);
        Assert.All(acknowledged, id => Assert.Equal(1, answers[id]));
        Assert.All(RepliesPerMessage().Values, count => Assert.Equal(1, count));
        Assert.Contains(Chatwoot.Requests, r => r.Path.EndsWith("/messages", StringComparison.Ordinal) && r.Method == "POST");
        Assert.All(await Database.InboxStatesAsync("turn"), state => Assert.Equal("done", state));
    }
}
