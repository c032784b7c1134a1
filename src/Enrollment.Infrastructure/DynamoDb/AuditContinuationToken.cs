using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// The store's position inside a page cursor: base64url of a small JSON object written and read by hand (no
/// reflection). A user query keeps the last sort key; a tenant query keeps one cursor per shard. It binds nothing:
/// the signed cursor of <see cref="Core.Admin.AuditCursorSigner"/> already binds tenant, user, filters and range, and
/// is checked in Core before the store sees the position. Decoding returns null for anything malformed.
/// </summary>
internal static class AuditContinuationToken
{
    private const int FormatVersion = 1;

    public static string ForUser(string sortKey) => Write(writer => writer.WriteString("sk", sortKey));

    public static string? ReadUser(string token)
    {
        using var document = Parse(token);
        return document is not null && IsOurs(document.RootElement)
            && document.RootElement.TryGetProperty("sk", out var sk) && sk.ValueKind == JsonValueKind.String
            ? sk.GetString()
            : null;
    }

    public static string ForTenant(IReadOnlyList<ShardCursor> cursors) => Write(writer =>
    {
        writer.WriteStartArray("shards");
        foreach (var cursor in cursors)
        {
            switch (cursor.State)
            {
                case ShardCursorState.NotStarted: writer.WriteNullValue(); break;
                case ShardCursorState.Exhausted: writer.WriteBooleanValue(false); break;
                default:
                    writer.WriteStartArray();
                    writer.WriteStringValue(cursor.IndexSortKey);
                    writer.WriteStringValue(cursor.PartitionKey);
                    writer.WriteStringValue(cursor.SortKey);
                    writer.WriteEndArray();
                    break;
            }
        }
        writer.WriteEndArray();
    });

    public static ShardCursor[]? ReadTenant(string token)
    {
        using var document = Parse(token);
        if (document is null || !IsOurs(document.RootElement)
            || !document.RootElement.TryGetProperty("shards", out var shards) || shards.ValueKind != JsonValueKind.Array)
            return null;
        var cursors = new ShardCursor[shards.GetArrayLength()];
        var i = 0;
        foreach (var shard in shards.EnumerateArray())
        {
            ShardCursor? cursor = shard.ValueKind switch
            {
                JsonValueKind.Null => ShardCursor.NotStarted,
                JsonValueKind.False => ShardCursor.Exhausted,
                JsonValueKind.Array when shard.GetArrayLength() == 3
                    && shard[0].ValueKind == JsonValueKind.String && shard[1].ValueKind == JsonValueKind.String && shard[2].ValueKind == JsonValueKind.String
                    => ShardCursor.After(shard[0].GetString()!, shard[1].GetString()!, shard[2].GetString()!),
                _ => null,
            };
            if (cursor is null) return null;
            cursors[i++] = cursor.Value;
        }
        return cursors;
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            body(writer);
            writer.WriteEndObject();
        }
        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }

    private static JsonDocument? Parse(string token)
    {
        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsOurs(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var version) && version == FormatVersion;
}
