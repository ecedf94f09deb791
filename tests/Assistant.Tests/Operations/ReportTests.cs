using Assistant.Operations.Reports;
using Assistant.Host.Cli;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Operations;

/// <summary>The report's figures, read from turns and transcripts in a real database.</summary>
public sealed class ReportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _database = null!;
    private ReportSeed _seed = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _seed = new ReportSeed(_database.DataSource);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Totals_count_conversations_once_by_what_became_of_them()
    {
        // Arrange
        var resolved = await _seed.ConversationAsync(Now.AddHours(-5), 2, "answered", tokens: 1000, cost: 0.002m);
        await _seed.FollowUpAsync(resolved, Now.AddHours(-4), "resolved", tokens: 500, cost: 0.001m);
        var handedOffLater = await _seed.ConversationAsync(Now.AddHours(-3), 4, "resolved", tokens: 300, cost: 0.0006m);
        await _seed.FollowUpAsync(handedOffLater, Now.AddHours(-2), "handed_off", reason: "refund");
        await _seed.ConversationAsync(Now.AddHours(-1), 6, "handed_off", reason: "customer_request", afterHours: true);
        await _seed.ConversationAsync(Now.AddMinutes(-30), 8, "answered", modelFailure: true);
        await _seed.ConversationAsync(Now.AddMinutes(-20), 10, "not_owner");
        await _seed.ConversationAsync(Now.AddDays(-9), 1, "resolved", tokens: 9999);

        // Act
        var report = await ReadAsync(TimeSpan.FromDays(7));

        // Assert
        var t = report.Totals;
        Assert.Equal((4L, 1L, 2L, 1L), (t.Conversations, t.ResolvedByBot, t.HandedOff, t.AfterHoursHandoffs));
        Assert.Equal(1800, t.Tokens);
        Assert.Equal(0.0036m, t.Cost);
        Assert.Equal(1800, t.TokensPerResolved);
        Assert.Equal(0.0036m, t.CostPerResolved);
        Assert.Equal(1, t.ModelFailures);
        Assert.Equal(5, t.FirstReply.P50!.Value, precision: 3);
        Assert.Equal([new ReasonCount("customer_request", 1), new ReasonCount("refund", 1)], report.HandoffReasons.OrderBy(r => r.Reason));
    }

    [Fact]
    public async Task Every_day_of_the_period_has_a_row_even_a_quiet_one()
    {
        await _seed.ConversationAsync(Now.AddDays(-2), 3, "resolved", cost: 0.01m);
        await _seed.ConversationAsync(Now.AddDays(-2).AddHours(1), 5, "handed_off", reason: "complaint");

        var report = await ReadAsync(TimeSpan.FromDays(7));

        Assert.Equal(8, report.Days.Count);
        var busy = Assert.Single(report.Days, d => d.Conversations > 0);
        Assert.Equal((new DateOnly(2026, 12, 1), 2L, 1L, 1L, 0.01m), (busy.Day, busy.Conversations, busy.ResolvedByBot, busy.HandedOff, busy.Cost));
        Assert.Equal(4, busy.FirstReplyP50!.Value, precision: 3);
    }

    [Fact]
    public async Task An_empty_period_reports_zeros_and_no_latency()
    {
        var report = await ReadAsync(TimeSpan.FromDays(1));

        Assert.True(report.IsEmpty);
        Assert.Null(report.Totals.FirstReply.P50);
        Assert.Null(report.Totals.CostPerResolved);
        Assert.Contains("Conversations handled   0", ReportText.Render(report));
    }

    [Fact]
    public async Task Text_report_shows_shares_percentiles_reasons_and_days()
    {
        await _seed.ConversationAsync(Now.AddHours(-5), 2, "resolved", tokens: 1000, cost: 0.002m);
        await _seed.ConversationAsync(Now.AddHours(-4), 4, "handed_off", reason: "refund");

        var text = ReportText.Render(await ReadAsync(TimeSpan.FromDays(2)));

        Assert.Contains("Resolved by the bot     1 (50%)", text);
        Assert.Contains("Handed off              1 (50%), 0 outside business hours", text);
        Assert.Contains("First reply (s)         p50 3.0", text);
        Assert.Contains("Cost                    0.0020, 0.0020 per resolved conversation", text);
        Assert.Contains("  refund                1", text);
        Assert.Contains("2026-12-03              2         1           1", text);
    }

    [Theory]
    [InlineData("7d", 7 * 24)]
    [InlineData("24h", 24)]
    [InlineData("2w", 14 * 24)]
    [InlineData(null, 7 * 24)]
    public void Periods_are_read_as_people_write_them(string? text, int hours)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period));
        Assert.Equal(TimeSpan.FromHours(hours), period);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("-3d")]
    [InlineData("3y")]
    [InlineData("400d")]
    public void Malformed_periods_are_refused(string text) => Assert.False(ReportPeriod.TryParse(text, out _));

    [Fact]
    public async Task Report_verb_prints_from_the_database_and_refuses_a_malformed_period()
    {
        await _seed.ConversationAsync(DateTimeOffset.UtcNow.AddHours(-1), 2, "resolved");
        var database = $"--ConnectionStrings:Postgres={_database.ConnectionString}";

        Assert.Equal(0, await AssistantCli.RunAsync(["report", "--since", "2d", database]));
        Assert.NotEqual(0, await AssistantCli.RunAsync(["report", "--since", "forever", database]));
    }

    private Task<Report> ReadAsync(TimeSpan period) =>
        new ReportRepository(_database.DataSource, new FixedClock(Now)).ReadAsync(period, TestContext.Current.CancellationToken);
}
