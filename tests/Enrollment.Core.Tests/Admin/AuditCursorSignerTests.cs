using System.Buffers.Text;
using System.Text;
using Enrollment.Core.Admin;

namespace Enrollment.Core.Tests.Admin;

public sealed class AuditCursorSignerTests
{
    private static readonly AuditCursorBinding Binding = new("acme", "jane", "TOTP_VERIFY", "FAILED",
        new DateTimeOffset(2025, 11, 20, 10, 0, 0, 123, TimeSpan.Zero), new DateTimeOffset(2025, 11, 21, 10, 0, 0, TimeSpan.Zero));

    private readonly AuditCursorSigner _signer = AuditCursorSigner.FromText(AdminWorld.Secret);

    [Fact]
    public void A_cursor_opens_to_its_query_and_position()
    {
        var cursor = _signer.Sign(Binding, "store-position");

        var opened = _signer.Open(cursor);

        Assert.Equal(new AuditCursor(Binding, "store-position"), opened);
        Assert.Equal(new AuditCursor(Binding with { Username = null, EventType = null, Outcome = null }, "p"),
            _signer.Open(_signer.Sign(Binding with { Username = null, EventType = null, Outcome = null }, "p")));
    }

    [Fact]
    public void Any_altered_byte_or_another_key_makes_it_unreadable()
    {
        var cursor = _signer.Sign(Binding, "store-position");
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
    public void A_short_secret_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AuditCursorSigner.FromText("too short"));
    }
}
