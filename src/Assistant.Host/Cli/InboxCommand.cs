using System.CommandLine;
using Assistant.Engine.Inbox;

namespace Assistant.Host.Cli;

/// <summary>Operator access to the durable inbox: what is queued or dead, and replaying dead letters.</summary>
internal static class InboxCommand
{
    public static Command Create()
    {
        var state = new Option<string?>("--state") { Description = "Only events in this state: pending, processing, done or dead." };
        state.AcceptOnlyFromAmong("pending", "processing", "done", "dead");
        var limit = new Option<int>("--limit") { Description = "At most this many events.", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List inbox events, oldest first.") { state, limit };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(async (parse, token) =>
        {
            using var host = AssistantBuilder.BuildDataHost([.. parse.UnmatchedTokens]);
            var events = await host.Services.GetRequiredService<InboxRepository>().ListAsync(parse.GetValue(state), parse.GetValue(limit), token);
            foreach (var e in events)
            {
                Console.WriteLine($"{e.Id,8} {e.State,-10} {e.Attempts,2} {e.ReceivedAt:u} {e.EventName,-28} {e.OrderingKey} {e.LastError}");
            }

            return 0;
        });

        var id = new Option<long?>("--id") { Description = "Replay only this event." };
        var replay = new Command("replay", "Put dead-lettered events back in the queue.") { id };
        replay.TreatUnmatchedTokensAsErrors = false;
        replay.SetAction(async (parse, token) =>
        {
            using var host = AssistantBuilder.BuildDataHost([.. parse.UnmatchedTokens]);
            var count = await host.Services.GetRequiredService<InboxRepository>().ReplayDeadAsync(parse.GetValue(id), token);
            Console.WriteLine($"Requeued {count} event(s); a running service processes them now.");
            return 0;
        });

        return new Command("inbox", "Inspect the webhook inbox and replay dead letters.") { list, replay };
    }
}
