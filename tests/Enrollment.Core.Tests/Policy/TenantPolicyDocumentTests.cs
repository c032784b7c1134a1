using Enrollment.Core.Errors;
using Enrollment.Core.Policy;

namespace Enrollment.Core.Tests.Policy;

public class TenantPolicyDocumentTests
{
    [Fact]
    public void Reads_the_api_md_example_and_fills_defaults()
    {
        var policy = TenantPolicyDocument.Parse("""
            {"tenantId":"acme","displayName":"Acme Corp","appClientIds":["client-id-1"],
             "enrollment":{"enabled":true,"minAppVersion":"2.0.0","allowedNetworks":["203.0.113.0/24"],"maxAssociationsPerHour":5,"allowReplace":false},
             "verification":{"maxFailuresPerHour":5},"audit":{"retentionDays":365}}
            """);
        Assert.Equal("acme", policy.TenantId);
        Assert.Equal("2.0.0", policy.Enrollment.MinAppVersion);

        var minimal = TenantPolicyDocument.Parse("""{"tenantId":"t1"}""");
        Assert.True(minimal.Enrollment.Enabled);
        Assert.Empty(minimal.Enrollment.AllowedNetworks);
        Assert.Equal(5, minimal.Enrollment.MaxAssociationsPerHour);
        Assert.Equal(365, minimal.Audit.RetentionDays);
        Assert.Equal("t1", minimal.Issuer);
    }

    [Theory]
    [InlineData("""{"tenantId":"a","color":"red"}""", "color")]
    [InlineData("""{"tenantId":"a","enrollment":{"enabeld":true}}""", "enrollment.enabeld")]
    [InlineData("""{"tenantId":"a","enrollment":{"maxAssociationsPerHour":"five"}}""", "enrollment.maxAssociationsPerHour")]
    [InlineData("""{"tenantId":"a","enrollment":{"maxAssociationsPerHour":0}}""", "enrollment.maxAssociationsPerHour")]
    [InlineData("""{"tenantId":"a","enrollment":{"minAppVersion":"two"}}""", "enrollment.minAppVersion")]
    [InlineData("""{"tenantId":"a","enrollment":{"allowedNetworks":["10.0.0.1/8"]}}""", "enrollment.allowedNetworks[0]")]
    [InlineData("""{"tenantId":"a","verification":{"maxFailuresPerHour":-1}}""", "verification.maxFailuresPerHour")]
    [InlineData("""{"tenantId":"a","audit":{"retentionDays":0}}""", "audit.retentionDays")]
    [InlineData("""{"tenantId":"a b"}""", "tenantId")]
    [InlineData("""{"tenantId":"a","displayName":"Acme: EU"}""", "displayName")]
    [InlineData("""{"displayName":"x"}""", "tenantId")]
    public void Rejects_bad_documents_naming_the_field(string json, string field)
    {
        var ex = Assert.Throws<EnrollmentException>(() => TenantPolicyDocument.Parse(json));
        Assert.Equal(ErrorCode.ValidationError, ex.Code);
        Assert.Contains(field, ex.Message);
    }

    [Fact]
    public void Round_trips()
    {
        var policy = TenantPolicyDocument.Parse("""{"tenantId":"acme","enrollment":{"allowedNetworks":["2001:db8::/32"]}}""");
        var again = TenantPolicyDocument.Parse(TenantPolicyDocument.Serialize(policy));
        Assert.Equal(policy.Enrollment.AllowedNetworks, again.Enrollment.AllowedNetworks);
        Assert.Equal(policy.TenantId, again.TenantId);
    }

    [Fact]
    public void Parses_a_tenants_file() =>
        Assert.Equal(2, TenantPolicyDocument.ParseMany("""[{"tenantId":"a"},{"tenantId":"b","displayName":"B Inc"}]""").Count);

    [Fact]
    public void Factors_outside_the_policy_do_not_count_unless_the_tenant_says_so_and_the_field_round_trips()
    {
        Assert.False(TenantPolicyDocument.Parse("""{"tenantId":"acme","appClientIds":["c1"]}""").Mfa.AcceptFactorsOutsidePolicy);
        var accepting = TenantPolicyDocument.Parse("""{"tenantId":"acme","appClientIds":["c1"],"mfa":{"required":true,"acceptFactorsOutsidePolicy":true}}""");
        Assert.True(accepting.Mfa.AcceptFactorsOutsidePolicy);
        Assert.True(accepting.Mfa.AllowDisable); // the other defaults stay
        Assert.True(TenantPolicyDocument.Parse(TenantPolicyDocument.Serialize(accepting)).Mfa.AcceptFactorsOutsidePolicy);
        Assert.ThrowsAny<Exception>(() => TenantPolicyDocument.Parse("""{"tenantId":"acme","appClientIds":["c1"],"mfa":{"acceptFactorsOutsidePolicy":"yes"}}"""));
    }
}
