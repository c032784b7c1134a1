using System.Net;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Local.Cli;
using Enrollment.Local.Emulator;
using Enrollment.Local.Stack;
using Enrollment.Testing;

namespace Enrollment.Local.Tests.Stack;

/// <summary>
/// `up --pool-mfa on`: the demo user signs in with a temporary password, sets a new one, is sent to MFA_SETUP and
/// enrolls through the challenge routes with the session (the server finishes the sign-in and answers with the tokens);
/// then SIGTERM stops `up` and its emulator.
/// </summary>
public sealed class UpMfaOnTests
{
    private const string Tenant = "delta";

    [Fact]
    public async Task A_new_user_enrolls_during_sign_in_and_SIGTERM_leaves_nothing_running()
    {
        var directory = Path.Combine(Path.GetTempPath(), "up-on-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var stackFile = Path.Combine(directory, "stack.json");
        var tenants = TenantsFileBuilder.Write(directory, TenantsFileBuilder.Tenant(Tenant));
        await using var up = RunnerProcess.Start(["up", "--pool-mfa", "on", "--port", LoopbackPort.Free().ToString(), "--stack-file", stackFile, "--tenants", tenants]);
        int? emulatorPid = null;
        try
        {
            await up.WaitForLineAsync(line => line.Contains("Enrollment is running locally"), TimeSpan.FromSeconds(90));
            var stack = StackFile.Read(stackFile);
            emulatorPid = stack.EmulatorPid;
            Assert.Equal(MfaConfigurations.On, stack.PoolMfa);
            var user = Assert.Single(stack.DemoUsers, u => u.Role == StackDemoUser.UserRole);
            Assert.True(user.PasswordIsTemporary);
            var admin = Assert.Single(stack.DemoUsers, u => u.Role == StackDemoUser.AdminRole);
            Assert.True(admin.PasswordIsTemporary); // as the demo user: new password, then MFA_SETUP
            // The summary arrives line by line after its first line: wait for the hint, do not read a snapshot.
            await up.WaitForLineAsync(line => line.Contains("NEW_PASSWORD_REQUIRED, then MFA_SETUP"), TimeSpan.FromSeconds(10));

            using var app = new MobileApp(stack);
            var clientId = app.ClientId(Tenant);
            var signIn = await app.SignInAsync(clientId, user.Username, user.Password);
            Assert.Equal(ChallengeNames.NewPasswordRequired, signIn.ChallengeName);
            var newPassword = await app.Cognito.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
            {
                ClientId = clientId,
                ChallengeName = ChallengeNames.NewPasswordRequired,
                Session = signIn.Session,
                ChallengeResponses = new Dictionary<string, string>
                {
                    [ChallengeKeys.Username] = user.Username,
                    [ChallengeKeys.NewPassword] = "New-Password-2026-x",
                },
            }, TestContext.Current.CancellationToken);
            Assert.Equal(ChallengeNames.MfaSetup, newPassword.ChallengeName);

            var session = $$"""{"session": "{{newPassword.Session}}", "username": "{{user.Username}}", "clientId": "{{clientId}}" """;
            var associate = await app.PostAsync("/v1/challenge/totp/associate", session + "}");
            Assert.True(associate.Status == HttpStatusCode.OK, associate.ToString());
            var secret = associate.Data.GetProperty("secretCode").GetString()!;
            var associatedSession = associate.Data.GetProperty("session").GetString()!;
            Assert.Contains($"secret={secret}", associate.Data.GetProperty("otpauthUri").GetString());

            var afterAssociate = $$"""{"session": "{{associatedSession}}", "username": "{{user.Username}}", "clientId": "{{clientId}}", "deviceName": "Pixel 9", """;
            var wrong = await app.PostAsync("/v1/challenge/totp/verify", afterAssociate + $$""" "code": "{{TotpGenerator.WrongCode(secret)}}"}""");
            Assert.True(wrong.Status == HttpStatusCode.BadRequest, wrong.ToString());
            Assert.Equal("CODE_MISMATCH", wrong.ErrorCode);

            var verify = await app.PostAsync("/v1/challenge/totp/verify", afterAssociate + $$""" "code": "{{await TotpGenerator.FreshCodeAsync(secret)}}"}""");
            Assert.True(verify.Status == HttpStatusCode.OK, verify.ToString());
            Assert.Equal("SUCCESS", verify.Data.GetProperty("status").GetString());

            // The server finished MFA_SETUP (the demo user is bound to the tenant): the answer holds the tokens, no session.
            Assert.False(verify.Data.TryGetProperty("session", out _));
            var accessToken = verify.Data.GetProperty("authenticationResult").GetProperty("accessToken").GetString();
            var me = await app.Cognito.GetUserAsync(new GetUserRequest { AccessToken = accessToken! }, TestContext.Current.CancellationToken);
            Assert.Equal(user.Username, me.Username);

            up.Signal(RunnerProcess.SigTerm);
            Assert.Equal(ExitCodes.Success, await up.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            Assert.Contains("SIGTERM received: stopping.", up.Stdout);
            Assert.False(RunnerProcess.IsAlive(up.Id), "up is still running");
            Assert.False(RunnerProcess.IsAlive(stack.EmulatorPid!.Value), "moto_server outlived up");
            Assert.False(File.Exists(stackFile), "the stack file outlived up");
        }
        finally
        {
            await up.DisposeAsync();
            if (emulatorPid is { } pid && RunnerProcess.IsAlive(pid)) System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
            Directory.Delete(directory, recursive: true);
        }
    }
}
