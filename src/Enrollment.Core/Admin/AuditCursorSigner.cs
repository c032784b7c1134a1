using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Enrollment.Core.Audit;
using Enrollment.Core.Time;

namespace Enrollment.Core.Admin;

/// <summary>
/// Issues and opens the audit API's page cursors: <c>base64url(payload) "." base64url(HMAC-SHA256(payload))</c>.
/// The payload is the whole <see cref="AuditCursor"/>: the query it belongs to and the store's position in each stream,
/// so a cursor cannot be altered, moved to another tenant or reused with other filters without the key. It is
/// signed, not encrypted: clients must treat it as opaque, and it holds nothing the tenant's administrators may
/// not read. The tag is checked, in constant time, before any byte of the payload is parsed.
/// </summary>
public sealed class AuditCursorSigner
{
    /// <summary>HMAC-SHA256 keys shorter than the hash add no strength; shorter secrets are refused at cold start.</summary>
    public const int MinSecretBytes = 32;

    /// <summary>A tenant-wide position holds one key per shard: about 3 KB; anything far larger is not ours.</summary>
    public const int MaxCursorLength = 8192;

    /// <summary>2: the position is part of the payload (1 wrapped a second, store-made token); 1 is refused.</summary>
    private const int FormatVersion = 2;

    private readonly byte[] _key;

    /// <param name="secret">The deployment's secret (CURSOR_SIGNING_KEY), at least <see cref="MinSecretBytes"/> bytes.</param>
    public AuditCursorSigner(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < MinSecretBytes)
            throw new ArgumentException($"The cursor signing secret must be at least {MinSecretBytes} bytes.", nameof(secret));
        // A key of its own for this purpose, so the secret could sign something else one day without confusion.
        _key = HMACSHA256.HashData(secret, "enrollment/admin-audit-cursor/v1"u8);
    }

    public static AuditCursorSigner FromText(string secret) => new(Encoding.UTF8.GetBytes(secret));

    public string Sign(AuditCursor cursor)
    {
        var payload = Base64Url.EncodeToString(Payload(cursor));
        return payload + "." + Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload)));
    }

    /// <summary>The cursor, or null if it is malformed, altered or signed with another key.</summary>
    public AuditCursor? Open(string cursor)
    {
        if (cursor.Length is 0 or > MaxCursorLength) return null;
        var dot = cursor.IndexOf('.');
        if (dot <= 0 || dot == cursor.Length - 1) return null;
        var payloadText = cursor[..dot];
        byte[] tag, payload;
        try
        {
            tag = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
            payload = Base64Url.DecodeFromChars(payloadText);
        }
        catch (FormatException)
        {
            return null;
        }
        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payloadText));
        if (!CryptographicOperations.FixedTimeEquals(tag, expected)) return null;
        return Read(payload);
    }

    /// <summary><c>{"v","t","u"?,"e"?,"o"?,"f","to","s":[null | {attribute: value}]}</c>, written by hand (no reflection).</summary>
    private static byte[] Payload(AuditCursor cursor)
    {
        var query = cursor.Query;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", FormatVersion);
            writer.WriteString("t", query.TenantId);
            WriteOptional(writer, "u", query.Username);
            WriteOptional(writer, "e", query.EventType);
            WriteOptional(writer, "o", query.Outcome);
            writer.WriteString("f", IsoTime.Format(query.From));
            writer.WriteString("to", IsoTime.Format(query.To));
            writer.WriteStartArray("s");
            foreach (var stream in cursor.Streams)
            {
                if (stream is null)
                {
                    writer.WriteNullValue();
                    continue;
                }
                writer.WriteStartObject();
                foreach (var (name, value) in stream) writer.WriteString(name, value);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Only our own payloads get here (the tag matched), so a shape error means a format change: refuse.</summary>
    private static AuditCursor? Read(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || !v.TryGetInt32(out var version) || version != FormatVersion)
                return null;
            var query = new AuditQuery(
                root.GetProperty("t").GetString()!,
                Optional(root, "u"),
                Optional(root, "e"),
                Optional(root, "o"),
                IsoTime.Parse(root.GetProperty("f").GetString()!),
                IsoTime.Parse(root.GetProperty("to").GetString()!));
            var streams = new List<IReadOnlyDictionary<string, string>?>();
            foreach (var stream in root.GetProperty("s").EnumerateArray())
                streams.Add(stream.ValueKind == JsonValueKind.Null ? null : stream.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
            return new AuditCursor(query, streams);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null) writer.WriteString(name, value);
    }

    private static string? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.GetString() : null;
}
