using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>
/// Opaque page tokens: base64url of a small JSON object written and read by hand (no reflection).
/// A user query keeps the last sort key; a tenant query keeps one cursor per shard. Each token carries a
/// digest of the query it continues (kind, tenant, user, range), so it cannot silently continue another one.
/// Decoding returns null for anything malformed or from another query; the reader also checks the keys.
/// </summary>
internal static class AuditContinuationToken
{
    private const int FormatVersion = 1;

    /// <summary>What a token is bound to: the same text for the same query, whatever the page.</summary>
    public static string UserScope(string tenantId, string username, string from, string to) => $"user\n{tenantId}\n{username}\n{from}\n{to}";

    public static string TenantScope(string tenantId, string from, string to) => $"tenant\n{tenantId}\n{from}\n{to}";

    public static string ForUser(string scope, string sortKey) => Write(scope, writer => writer.WriteString("sk", sortKey));

    public static string? ReadUser(string token, string scope)
    {
        using var document = Parse(token);
        return document is not null && IsFor(document.RootElement, scope)
            && document.RootElement.TryGetProperty("sk", out var sk) && sk.ValueKind == JsonValueKind.String
            ? sk.GetString()
            : null;
    }

    public static string ForTenant(string scope, IReadOnlyList<ShardCursor> cursors) => Write(scope, writer =>
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

    public static ShardCursor[]? ReadTenant(string token, string scope)
    {
        using var document = Parse(token);
        if (document is null || !IsFor(document.RootElement, scope)
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

    private static string Write(string scope, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteString("q", Digest(scope));
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

    private static bool IsFor(JsonElement root, string scope) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("v", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var version) && version == FormatVersion
        && root.TryGetProperty("q", out var q) && q.ValueKind == JsonValueKind.String && q.ValueEquals(Digest(scope));

    // Not a secret (the token is not a capability): it only tells one query's tokens from another's.
    private static string Digest(string scope) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 12));
}
