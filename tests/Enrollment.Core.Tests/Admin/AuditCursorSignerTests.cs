using System.Buffers.Text;
using System.Text;
using Enrollment.Core.Admin;
using Enrollment.Core.Audit;

namespace Enrollment.Core.Tests.Admin;

public sealed class AuditCursorSignerTests
{
    private static readonly AuditQuery Query = new("acme", "jane", "TOTP_VERIFY", "FAILED",
        new DateTimeOffset(2025, 11, 20, 10, 0, 0, 123, TimeSpan.Zero), new DateTimeOffset(2025, 11, 21, 10, 0, 0, TimeSpan.Zero));

    /// <summary>A user's partition: one stream, after a sort key.</summary>
    private static readonly AuditCursor UserCursor = new(Query, [new Dictionary<string, string> { ["sk"] = "2025-11-20T11:00:00.000Z#req-1" }]);

    /// <summary>A tenant: one stream per shard, each not started, read to the end, or after a key.</summary>
    private static readonly AuditCursor TenantCursor = new(Query with { Username = null, EventType = null, Outcome = null },
        [null, AuditCursor.Exhausted, new Dictionary<string, string> { ["gsi1sk"] = "2025-11-20T11:00:00.000Z#req-2", ["pk"] = "TENANT#acme#ANON#3", ["sk"] = "2025-11-20T11:00:00.000Z#req-2" }]);

    private readonly AuditCursorSigner _signer = AuditCursorSigner.FromText(AdminWorld.Secret);

    [Fact]
    public void A_cursor_opens_to_its_query_and_position()
    {
        foreach (var cursor in new[] { UserCursor, TenantCursor, AuditCursor.Start(Query) })
        {
            var opened = _signer.Open(_signer.Sign(cursor));

            Assert.NotNull(opened);
            Assert.Equal(cursor.Query, opened.Query);
            Assert.Equal(Describe(cursor), Describe(opened));
        }
    }

    [Fact]
    public void Any_altered_byte_or_another_key_makes_it_unreadable()
    {
        var cursor = _signer.Sign(UserCursor);
        var payload = cursor[..cursor.IndexOf('.')];
        var tag = cursor[(cursor.IndexOf('.') + 1)..];
        // Re-encode the payload for another tenant, keeping the tag: the forgery an admin would try.
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload)).Replace("\"acme\"", "\"globex\""))) + "." + tag;

        Assert.Null(_signer.Open(forged));
        Assert.Null(AuditCursorSigner.FromText("another secret of more than thirty-two bytes").Open(cursor));
        for (var i = 0; i < cursor.Length; i += 7)
        {
            var flipped = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            if (flipped != cursor) Assert.Null(_signer.Open(flipped));
        }
        foreach (var junk in new[] { "", ".", payload, payload + ".", "." + tag, "not-a-cursor", cursor + "x", new string('A', AuditCursorSigner.MaxCursorLength + 1) })
            Assert.Null(_signer.Open(junk));
    }

    [Fact]
    public void A_tenant_cursor_of_every_shard_fits_the_length_bound()
    {
        var shard = TenantCursor.Streams[2]!.ToDictionary(p => p.Key, p => p.Value + new string('x', 40));
        var full = TenantCursor with { Streams = Enumerable.Repeat<IReadOnlyDictionary<string, string>?>(shard, 16).ToList() };

        var text = _signer.Sign(full);

        Assert.InRange(text.Length, 1, AuditCursorSigner.MaxCursorLength);
        Assert.Equal(Describe(full), Describe(_signer.Open(text)!));
    }

    [Fact]
    public void A_short_secret_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AuditCursorSigner.FromText("too short"));
    }

    private static string Describe(AuditCursor cursor) => string.Join(" | ", cursor.Streams.Select(s =>
        s is null ? "not started" : AuditCursor.IsExhausted(s) ? "exhausted" : string.Join(",", s.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))));
}
