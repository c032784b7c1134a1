using Enrollment.Core.Limits;
using Enrollment.Core.Recovery;
using Enrollment.Testing;

namespace Enrollment.Core.Tests.Recovery;

public class RecoveryCodeTests
{
    private static readonly RecoveryCodeHasher Hasher = new(FakeRecoveryCodeStore.TestPepper);

    [Fact]
    public async Task Issued_codes_are_distinct_base32_pairs_of_five_and_only_their_salted_hashes_are_stored()
    {
        var store = new FakeRecoveryCodeStore(new CallLog());
        var issued = await new RecoveryCodeIssuer(store, TimeProvider.System).IssueAsync("acme", "jane", 10, CancellationToken.None);

        Assert.Equal(10, issued.Codes.Count);
        Assert.Equal(10, issued.Codes.Distinct().Count());
        Assert.All(issued.Codes, code => Assert.Matches("^[A-Z2-7]{5}-[A-Z2-7]{5}$", code));
        var set = store.SetOf("acme", "jane")!;
        Assert.Equal(RecoveryCodeHasher.SaltBytes, set.Salt.Length);
        Assert.Equal(10, set.Hashes.Distinct().Count());
        foreach (var code in issued.Codes)
        {
            var bare = code.Replace("-", "");
            Assert.Contains(Hasher.Hash(set.Salt, bare), set.Hashes);
            Assert.All(set.Hashes, hash =>
            {
                Assert.DoesNotContain(bare, hash, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(code, hash, StringComparison.OrdinalIgnoreCase);
            });
        }
        Assert.DoesNotContain(issued.Codes[0], issued.ToString());
        Assert.DoesNotContain(set.Hashes[0], set.ToString());
    }

    [Fact]
    public void The_same_code_hashes_differently_under_another_salt()
    {
        var a = Hasher.Hash(RecoveryCodeHasher.NewSalt(), "ABCDE23456");
        var b = Hasher.Hash(RecoveryCodeHasher.NewSalt(), "ABCDE23456");
        Assert.NotEqual(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
        var salt = RecoveryCodeHasher.NewSalt();
        Assert.Equal(Hasher.Hash(salt, "ABCDE23456"), Hasher.Hash(salt, "ABCDE23456"));
    }

    [Fact]
    public void The_hash_is_HMAC_SHA256_keyed_with_the_pepper_over_salt_then_code_so_the_table_alone_cannot_test_a_guess()
    {
        var salt = RecoveryCodeHasher.NewSalt();
        byte[] message = [.. salt, .. System.Text.Encoding.ASCII.GetBytes("ABCDE23456")];
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(FakeRecoveryCodeStore.TestPepper, message));
        Assert.Equal(expected, Hasher.Hash(salt, "ABCDE23456"));

        // What the table holds (salt, hash) does not let anyone test a code without the pepper: the old salt-keyed HMAC
        // (what a leak could be searched with on today's main) does not match, nor does another pepper.
        var saltOnly = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(salt, System.Text.Encoding.ASCII.GetBytes("ABCDE23456")));
        Assert.NotEqual(saltOnly, Hasher.Hash(salt, "ABCDE23456"));
        Assert.NotEqual(new RecoveryCodeHasher(new byte[32]).Hash(salt, "ABCDE23456"), Hasher.Hash(salt, "ABCDE23456"));
    }

    [Fact]
    public void A_missing_or_short_pepper_fails_at_the_first_hash_and_never_hashes_without_one()
    {
        var hasher = new RecoveryCodeHasher(() => new byte[8]);
        var failure = Assert.Throws<InvalidOperationException>(() => hasher.Hash(RecoveryCodeHasher.NewSalt(), "ABCDE23456"));
        Assert.Contains("32 bytes", failure.Message);
    }

    [Theory]
    [InlineData("ABCDE-23456", "ABCDE23456")]
    [InlineData("abcde-23456", "ABCDE23456")]
    [InlineData(" abcde 23456 ", "ABCDE23456")]
    [InlineData("AbCdE23456", "ABCDE23456")]
    [InlineData("a-b-c-d-e-2-3-4-5-6", "ABCDE23456")]
    [InlineData("0BCDE-1234B", "OBCDEI234B")]
    [InlineData("8BCDE-23456", "BBCDE23456")]
    public void Normalization_forgives_case_dashes_spaces_and_digits_that_look_like_letters(string typed, string expected) =>
        Assert.Equal(expected, RecoveryCode.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCDE-2345")]
    [InlineData("ABCDE-234567")]
    [InlineData("ABCDE-23459")]
    [InlineData("ABCDE_23456")]
    [InlineData("ÄBCDE-23456")]
    [InlineData("ABCDE----------------------------23456")]
    public void Anything_else_is_not_a_code(string? typed) => Assert.Null(RecoveryCode.Normalize(typed));

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    [InlineData("not an ip", "unknown")]
    public void Sources_are_counted_per_address_or_per_ipv6_64(string? ip, string network)
    {
        var subject = RateLimitSubjects.ForSource(ip);
        Assert.Equal(RateLimitSubjectKind.Source, subject.Kind);
        Assert.Equal(network, subject.Value);
    }
}
