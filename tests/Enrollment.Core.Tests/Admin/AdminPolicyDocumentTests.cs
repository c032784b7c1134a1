using Enrollment.Core.Admin;
using Enrollment.Core.Errors;

namespace Enrollment.Core.Tests.Admin;

public sealed class AdminPolicyDocumentTests
{
    [Fact]
    public void The_path_names_the_tenant_when_the_body_leaves_it_out()
    {
        var policy = AdminPolicyDocument.ParseFor("""{"displayName":"Acme","admin":{"groupName":"acme-admins"}}""", "acme");
        Assert.Equal(("acme", "Acme", "acme-admins"), (policy.TenantId, policy.DisplayName, policy.Admin.GroupName));
        Assert.Equal("acme", AdminPolicyDocument.ParseFor("""{"tenantId":"acme"}""", "acme").TenantId);
    }

    [Theory]
    [InlineData("""{"tenantId":"globex"}""", "tenantId")]
    [InlineData("""{"tenantId":7}""", "tenantId")]
    [InlineData("""{"tenantId":null}""", "tenantId")]
    [InlineData("""{"tenantId":"acme","tenantId":"globex"}""", "body")]
    [InlineData("""{"audit":{"retentionDays":1},"audit":{"retentionDays":2}}""", "body")]
    [InlineData("""{"tenantId":"acme",""", "body")]
    [InlineData("""[{"tenantId":"acme"}]""", "body")]
    [InlineData("", "body")]
    [InlineData("""{"enrollment":{"maxAttempts":3}}""", "enrollment.maxAttempts")]
    [InlineData("""{"colour":"red"}""", "colour")]
    [InlineData("""{"audit":{"retentionDays":0}}""", "audit.retentionDays")]
    [InlineData("""{"admin":{"groupName":"two words"}}""", "admin.groupName")]
    [InlineData("""{"enrollment":{"allowedNetworks":["10.0.0.1/8"]}}""", "enrollment.allowedNetworks[0]")]
    public void Bad_documents_are_a_validation_error_naming_the_field(string json, string field)
    {
        var failure = Assert.Throws<EnrollmentException>(() => AdminPolicyDocument.ParseFor(json, "acme"));
        Assert.Equal(ErrorCode.ValidationError, failure.Code);
        Assert.Equal(field, failure.Reason);
        Assert.Contains(field == "body" ? "" : field, failure.Message);
    }
}
