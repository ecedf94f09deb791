using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Assistant.Host.Sandbox;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Assistant.Host.Cli;

/// <summary>
/// <c>assistant chat</c>: the terminal sandbox. The real service runs in-process against a stand-in for Chatwoot;
/// the person at the keyboard is the customer. Commands: /human, /form, /reset, /quit.
/// </summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var identity = new Option<string?>("--as") { Description = "The customer's email, phone number or store customer id (e.g. jane@example.com, cus_jane)." };
        var verified = new Option<bool>("--verified")
        {
            Description = "That identity is proven: WhatsApp, SMS and email prove the sender's address; on the web the store's site signs the customer id (--as cus_jane).",
        };
        var channel = new Option<string>("--channel") { Description = "web, whatsapp, email or sms.", DefaultValueFactory = _ => "web" };
        channel.AcceptOnlyFromAmong("web", "whatsapp", "email", "sms");
        var language = new Option<string>("--language") { Description = "The conversation's language: en, zh-CN, vi, ...", DefaultValueFactory = _ => "en" };
        var command = new Command("chat", "Talk to the assistant in the terminal, as a customer, through the same pipeline as production.")
        {
            identity, verified, channel, language,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, token) =>
        {
            var customer = SandboxCustomer.From(parse.GetValue(identity), parse.GetValue(verified), parse.GetValue(channel)!, parse.GetValue(language)!);
            await RunAsync(customer, [.. parse.UnmatchedTokens], token);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(SandboxCustomer customer, string[] hostArgs, CancellationToken cancellationToken)
    {
        await using var chatwoot = await SandboxChatwoot.StartAsync();
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var identitySecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        string[] sandboxArgs =
        [
            $"--Chatwoot:BaseUrl={chatwoot.BaseUrl}", "--Chatwoot:AllowPlainHttp=true", "--Chatwoot:BotToken=sandbox", $"--Chatwoot:WebhookSecret={secret}",
            $"--Store:IdentitySecret={identitySecret}",
            "--urls=http://127.0.0.1:0", "--Serilog:MinimumLevel:Default=Warning", "--Assistant:DebounceMs=400",
        ];
        await using var app = AssistantBuilder.BuildServer([.. sandboxArgs, .. hostArgs]);
        await app.StartAsync(cancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/") };
        var session = new SandboxSession(http, chatwoot, customer, secret, identitySecret);
        JsonObject? lastRich = null;

        var pump = Task.Run(async () =>
        {
            await foreach (var e in chatwoot.Events.ReadAllAsync(cancellationToken))
            {
                if (e.Message is { } message)
                {
                    try
                    {
                        await session.EchoAsync(message);
                    }
                    catch (HttpRequestException ex)
                    {
                        // The conversation goes on without the echo; the bot just will not see this line in its history.
                        Console.Error.WriteLine($"  [sandbox: could not echo the bot's message: {ex.Message}]");
                    }

                    if (message["content_type"]?.GetValue<string>() is "input_select" or "form")
                    {
                        lastRich = message;
                    }
                }

                if (SandboxRenderer.Render(e) is { Length: > 0 } line)
                {
                    Console.WriteLine(line);
                }
            }
        }, cancellationToken);

        Console.WriteLine($"Sandbox: you are {customer.Name} ({(customer.Verified ? "verified" : "not verified")}) on {customer.Channel}. Commands: /human, /form, /reset, /quit.");
        if (customer is { Channel: "web", Verified: true, CustomerId: null })
        {
            Console.WriteLine("  [on the web, proof is the store's signed customer id: use --as cus_jane (a demo customer) with --verified]");
        }
        while (!cancellationToken.IsCancellationRequested && Console.ReadLine() is { } input)
        {
            input = input.Trim();
            var pending = PendingKind(lastRich);
            switch (input)
            {
                case "":
                    continue;
                case "/quit":
                    await app.StopAsync(CancellationToken.None);
                    return;
                case "/reset":
                    chatwoot.Reset();
                    lastRich = null;
                    Console.WriteLine("  [new conversation]");
                    continue;
                case "/human":
                    await session.SayAsync("I want to talk to a human, please.");
                    continue;
                case "/form" when pending == "form":
                    await session.SubmitAsync(lastRich!, AskFields(lastRich!));
                    lastRich = null;
                    continue;
            }

            if (pending == "input_select" && int.TryParse(input, out var choice)
                && lastRich!["content_attributes"]?["items"]?.AsArray() is { } items && choice >= 1 && choice <= items.Count)
            {
                await session.ChooseAsync(lastRich, items[choice - 1]!.AsObject());
                lastRich = null;
                continue;
            }

            await session.SayAsync(input);
        }

        await app.StopAsync(CancellationToken.None);
        _ = pump;
    }

    /// <summary>Whether the bot's last rich message waits for a choice or a form.</summary>
    private static string? PendingKind(JsonObject? message) => message?["content_type"]?.GetValue<string>();

    private static Dictionary<string, string> AskFields(JsonObject form)
    {
        var values = new Dictionary<string, string>();
        var fields = form["content_attributes"]?["items"]?.AsArray() ?? new JsonArray();
        foreach (var field in fields)
        {
            var preset = field!["default"]?.GetValue<string>();
            Console.Write(preset is null ? $"  {field["label"]}: " : $"  {field["label"]} [{preset}]: ");
            var typed = Console.ReadLine();
            values[field["name"]!.GetValue<string>()] = string.IsNullOrWhiteSpace(typed) ? preset ?? string.Empty : typed;
        }

        return values;
    }
}
