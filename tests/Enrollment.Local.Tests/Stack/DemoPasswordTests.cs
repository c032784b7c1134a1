using Enrollment.Local.Stack;
using Enrollment.Local.Template;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Stack;

public sealed class DemoPasswordTests
{
    [Fact]
    public void A_demo_password_satisfies_any_policy_and_differs_each_time()
    {
        var strict = new PasswordRules(30, true, true, true, true, 7);
        var passwords = Enumerable.Range(0, 50).Select(_ => DemoPassword.Generate(strict)).ToList();

        Assert.All(passwords, p =>
        {
            Assert.True(p.Length >= 30, p);
            Assert.Contains(p, char.IsAsciiLetterUpper);
            Assert.Contains(p, char.IsAsciiLetterLower);
            Assert.Contains(p, char.IsAsciiDigit);
            Assert.Contains('-', p);
            Assert.All(p, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c == '-', $"'{c}' needs quoting in a shell"));
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }

    [Fact]
    public void The_password_policy_comes_from_the_template()
    {
        var pool = SamTemplate.Load(RepoPaths.Template).UserPools["UserPool"];

        var rules = PasswordRules.FromTemplate(pool);

        Assert.Equal(new PasswordRules(12, true, true, true, false, 7), rules);
    }
}
