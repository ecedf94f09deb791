using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Drills;

/// <summary>PostgreSQL is restarted (fast shutdown: every connection cut) while webhooks stream in.</summary>
public sealed class DatabaseRestartDrillTests : DrillBase
{
    private PostgresCluster _cluster = null!;

    public override async ValueTask InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(admin: _cluster.ConnectionString);

    [Fact]
    public async Task No_acknowledged_event_is_lost_and_every_message_is_answered_once_across_a_database_restart()
    {
        // Arrange
        var server = await StartServerAsync(Settings());
        Chatwoot.EchoTo = server.Http;
        var deliveries = new List<(long MessageId, Task<bool> Acknowledged)>();

        // Act: deliveries run side by side, as Chatwoot's jobs do; the database restarts a third of the way in.
        Task? restart = null;
        for (var n = 0; n < 36; n++)
        {
            var message = CustomerMessage(n);
            deliveries.Add((message.MessageId, DeliverLikeChatwootAsync(server.Http, message.ToJson())));
            if (n == 12)
            {
                restart = _cluster.RestartAsync();
            }

            await Task.Delay(40, TestContext.Current.CancellationToken);
        }

        await restart!;
        await Task.WhenAll(deliveries.Select(d => d.Acknowledged));
        Database.DataSource.Clear();
        var acknowledged = deliveries.Where(d => d.Acknowledged.Result).Select(d => d.MessageId).ToList();
        var answers = await AnswersOnceSettledAsync(acknowledged);

        // Assert
        Assert.Equal(36, acknowledged.Count);
        Assert.All(acknowledged, id => Assert.Equal(1, answers[id]));
        Assert.All(RepliesPerMessage().Values, count => Assert.Equal(1, count));
        Assert.DoesNotContain("dead", await Database.InboxStatesAsync());
    }
}
