using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Drills;

/// <summary>The service process is killed with SIGKILL while conversations stream in, then started again.</summary>
public sealed class ServiceCrashDrillTests : DrillBase
{
    private ServiceProcess? _service;

    public override async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task Service_killed_mid_stream_and_restarted_answers_every_acknowledged_message_exactly_once()
    {
        // Arrange
        _service = await ServiceProcess.StartAsync(Settings());
        Chatwoot.EchoTo = _service.Http;
        var acknowledged = new List<long>();

        // Act: 48 messages, 40 ms apart; the process dies after the 20th, with turns and model calls in flight.
        for (var n = 0; n < 48; n++)
        {
            var message = CustomerMessage(n);
            if (await DeliverLikeChatwootAsync(_service.Http, message.ToJson()))
            {
                acknowledged.Add(message.MessageId);
            }

            if (n == 20)
            {
                await _service.KillAsync();
                await _service.StartAsync();
            }

            await Task.Delay(40, TestContext.Current.CancellationToken);
        }

        var answers = await AnswersOnceSettledAsync(acknowledged);

        // Assert
        Assert.Equal(48, acknowledged.Count);
        Assert.All(acknowledged, id => Assert.Equal(1, answers[id]));
        Assert.All(RepliesPerMessage().Values, count => Assert.Equal(1, count));
    }
}
