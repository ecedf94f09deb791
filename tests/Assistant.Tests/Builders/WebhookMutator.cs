using System.Text;
using System.Text.Json.Nodes;

namespace Assistant.Tests.Builders;

/// <summary>
/// Turns valid webhook payloads into hostile ones, reproducibly (seeded): values of the wrong type, huge strings, deep
/// nesting, missing fields, unicode edge cases (NUL, lone surrogates, bidi overrides), truncated or corrupted bytes.
/// </summary>
public sealed class WebhookMutator(int seed)
{
    private static readonly string[] OddStrings =
    [
        "\u0000", "a\u0000b", "\ud800", "\udfff lone low", "\uFEFF", "\u202Eevil", "😀👍🏽👨‍👩‍👧", "e\u0301\u0301\u0301", "\uFFFF", "",
        " ", "null", "-1", "1e309", "NaN", "'; DROP TABLE inbox_events; --", "<script>alert(1)</script>", "{{system}}", "%s%n",
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(JsonObject seedPayload)
    {
        var payload = seedPayload.DeepClone().AsObject();
        var structural = 1 + _random.Next(3);
        for (var i = 0; i < structural; i++)
        {
            MutateTree(payload);
        }

        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return _random.Next(4) == 0 ? MutateBytes(bytes) : bytes;
    }

    private void MutateTree(JsonObject root)
    {
        var (parent, key, index) = PickSlot(root);
        JsonNode? replacement = _random.Next(7) switch
        {
            0 => WrongType(),
            1 => new string((char)_random.Next(0x20, 0xD7FF), _random.Next(1, 300_000)),
            2 => Nest(_random.Next(10, 250)), // the writer's own limit is 1000; deeper comes from MutateBytes
            3 => OddStrings[_random.Next(OddStrings.Length)],
            4 => JsonValue.Create(_random.Next(2) == 0 ? long.MaxValue : long.MinValue),
            5 => JsonValue.Create(_random.NextDouble() * double.MaxValue),
            _ => null,
        };

        if (parent is JsonObject obj && key is not null)
        {
            if (_random.Next(5) == 0)
            {
                obj.Remove(key);
            }
            else
            {
                obj[key] = replacement;
            }
        }
        else if (parent is JsonArray array && index is { } i)
        {
            array[i] = replacement;
        }
    }

    private JsonNode? WrongType() => _random.Next(6) switch
    {
        0 => JsonValue.Create("text where something else belongs"),
        1 => JsonValue.Create(-_random.Next()),
        2 => JsonValue.Create(true),
        3 => new JsonArray(1, "two", null),
        4 => new JsonObject { ["unexpected"] = new JsonObject() },
        _ => null,
    };

    private JsonNode Nest(int depth)
    {
        JsonNode node = JsonValue.Create("bottom");
        for (var i = 0; i < depth; i++)
        {
            node = _random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }

    /// <summary>A random property or array slot anywhere in the tree.</summary>
    private (JsonNode Parent, string? Key, int? Index) PickSlot(JsonObject root)
    {
        var slots = new List<(JsonNode, string?, int?)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj)
                    {
                        slots.Add((obj, name, null));
                        Walk(child);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        slots.Add((array, null, i));
                        Walk(array[i]);
                    }

                    break;
            }
        }

        Walk(root);
        return slots[_random.Next(slots.Count)];
    }

    private byte[] MutateBytes(byte[] bytes)
    {
        switch (_random.Next(5))
        {
            case 4:
                var depth = _random.Next(1000, 20_000);
                return [.. Encoding.ASCII.GetBytes(new string('[', depth)), .. bytes, .. Encoding.ASCII.GetBytes(new string(']', depth))];
            case 0:
                return bytes[.._random.Next(bytes.Length)];
            case 1:
                var flipped = (byte[])bytes.Clone();
                flipped[_random.Next(flipped.Length)] ^= (byte)(1 << _random.Next(8));
                return flipped;
            case 2:
                var at = _random.Next(bytes.Length);
                byte[] invalidUtf8 = _random.Next(2) == 0 ? [0xC0, 0xAF] : [0xFF, 0xFE, 0xED, 0xA0, 0x80];
                return [.. bytes[..at], .. invalidUtf8, .. bytes[at..]];
            default:
                return [.. "{\"event\":\"message_created\",\"event\":"u8, .. bytes, .. "}"u8];
        }
    }
}
