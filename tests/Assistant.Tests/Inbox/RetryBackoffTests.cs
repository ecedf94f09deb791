using Assistant.Engine.Inbox;

namespace Assistant.Tests.Inbox;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 0.0, 1000)]
    [InlineData(1, 1.0, 2000)]
    [InlineData(3, 0.0, 4000)]
    [InlineData(3, 1.0, 8000)]
    [InlineData(30, 1.0, 60000)]
    public void Delay_doubles_per_attempt_with_jitter_up_to_the_cap(int attempt, double random, int expectedMs)
    {
        var delay = RetryBackoff.Delay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), random);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }
}
