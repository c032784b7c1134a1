using System.Text.Json;
using Enrollment.Functions.Http;

namespace Enrollment.Functions.Tests.Http;

public sealed class CognitoGroupsClaimTests
{
    [Theory]
    [InlineData("\"[acme-admins staff]\"", new[] { "acme-admins", "staff" })] // API Gateway payload 2.0
    [InlineData("\"[acme-admins]\"", new[] { "acme-admins" })]
    [InlineData("\"acme-admins\"", new[] { "acme-admins" })]
    [InlineData("\"[\\\"acme-admins\\\",\\\"staff\\\"]\"", new[] { "acme-admins", "staff" })]
    [InlineData("[\"acme-admins\",\"staff\",7]", new[] { "acme-admins", "staff" })]
    [InlineData("\"[]\"", new string[0])]
    [InlineData("\"\"", new string[0])]
    [InlineData("\"[\\\"unterminated\"", new string[0])]
    [InlineData("42", new string[0])]
    [InlineData("null", new string[0])]
    public void Reads_every_form_the_claim_arrives_in(string claimJson, string[] groups)
    {
        using var claim = JsonDocument.Parse(claimJson);
        Assert.Equal(groups, CognitoGroupsClaim.Parse(claim.RootElement));
    }

    [Fact]
    public void No_claim_is_no_group() => Assert.Empty(CognitoGroupsClaim.Parse(null));
}
