using Enrollment.Core.Identity;
using Enrollment.Core.Policy;
using Enrollment.Functions.Wire;

namespace Enrollment.Functions.Tests.Admin;

public class PolicyDataTests
{
    [Fact]
    public void The_policy_answer_shows_every_field_including_the_default_admin_group()
    {
        var data = PolicyData.Of(new CompiledTenantPolicy(new TenantPolicy { TenantId = "demo" }, 3));

        Assert.Equal(3, data.Version);
        Assert.Equal("demo-enrollment-admins", data.Policy.GetProperty("admin").GetProperty("groupName").GetString());
        Assert.Equal(5, data.Policy.GetProperty("enrollment").GetProperty("maxAssociationsPerHour").GetInt32());
    }
}
