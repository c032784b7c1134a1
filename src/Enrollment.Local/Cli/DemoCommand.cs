using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Cognito.Model;
using Enrollment.Local.Cognito;
using Enrollment.Local.Stack;

namespace Enrollment.Local.Cli;

/// <summary>
/// `demo`: the enrollment a mobile app does, against a running `up`, with a real phone: sign the tenant's demo user
/// in, draw the QR code in the terminal, read the code the person types, verify it, show the recovery codes once,
/// then sign in again with MFA and show the access token's claims (never the token). `--non-interactive` computes
/// the codes from the secret, for scripts and tests.
/// </summary>
public static class DemoCommand
{
    public sealed record Arguments(string StackFile, string? TenantId, bool NonInteractive, string AppVersion);

    public static async Task<int> RunAsync(Arguments args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            await RunStepsAsync(args, stdin, stdout, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (DemoFailure failure)
        {
            await stderr.WriteLineAsync("Error: " + failure.Message).ConfigureAwait(false);
            return ExitCodes.FunctionError;
        }
        catch (CognitoServiceException ex)
        {
            await stderr.WriteLineAsync($"Error: the user pool refused {ex.Operation}: {ex.ErrorType}. Is the stack file from the running `up`?").ConfigureAwait(false);
            return ExitCodes.FunctionError;
        }
    }

    private static async Task RunStepsAsync(Arguments args, TextReader stdin, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (!File.Exists(args.StackFile))
            throw new DemoFailure($"No stack file at {args.StackFile}. Start the local stack first: dotnet run --project src/Enrollment.Local -- up");
        var stack = StackFile.Read(args.StackFile);
        var user = stack.DemoUsers.FirstOrDefault(u => u.Role == StackDemoUser.UserRole && (args.TenantId is null || u.TenantId == args.TenantId))
            ?? throw new DemoFailure(args.TenantId is null ? "The stack has no demo user." : $"The stack has no demo user in tenant '{args.TenantId}'.");
        var clientId = stack.Tenants.Single(t => t.TenantId == user.TenantId).ClientId;

        var options = new CognitoClientOptions { Endpoint = new Uri(stack.Endpoints.CognitoIdp.TrimEnd('/') + "/"), Region = stack.Region };
        var cognito = new CognitoIdentityProviderClient(CognitoIdentityProviderClient.CreateHttpClient(options), options,
            new SigV4RequestSigner(new BasicAWSCredentials("test", "test"), stack.Region));
        using var http = new HttpClient { BaseAddress = new Uri(stack.ApiUrl), Timeout = TimeSpan.FromSeconds(30) };
        var api = new DemoApi(http, args.AppVersion);

        await stdout.WriteLineAsync($"1. Signing in {user.Username} (tenant {user.TenantId}) with the password…").ConfigureAwait(false);
        var signIn = await SignInAsync(cognito, clientId, user, cancellationToken).ConfigureAwait(false);
        var tokens = signIn.AuthenticationResult
            ?? throw new DemoFailure(signIn.ChallengeName == ChallengeNames.SoftwareTokenMfa
                ? $"{user.Username} already has an authenticator. Restart `up` for fresh demo users."
                : $"The sign-in asked for {signIn.ChallengeName}; the demo needs `up` with the default --pool-mfa optional.");

        await stdout.WriteLineAsync("2. Asking the API for a secret (POST /v1/me/totp/associate)…").ConfigureAwait(false);
        var associate = await api.PostAsync("/v1/me/totp/associate", "{}", tokens.AccessToken!, cancellationToken).ConfigureAwait(false);
        var secret = associate.GetProperty("secretCode").GetString()!;
        var uri = associate.GetProperty("otpauthUri").GetString()!;
        await stdout.WriteLineAsync("   Scan this with Google Authenticator, Microsoft Authenticator or 1Password:").ConfigureAwait(false);
        await stdout.WriteAsync(TerminalQrCode.Render(uri)).ConfigureAwait(false);
        await stdout.WriteLineAsync($"   (or type the key by hand: {secret}; account {associate.GetProperty("accountName").GetString()}, issuer {associate.GetProperty("issuer").GetString()})").ConfigureAwait(false);

        var code = await ReadCodeAsync(args, secret, "3. Type the 6-digit code the app shows: ", stdin, stdout).ConfigureAwait(false);
        var body = new JsonObject { ["code"] = code, ["deviceName"] = "demo phone" }.ToJsonString();
        var verify = await api.PostAsync("/v1/me/totp/verify", body, tokens.AccessToken!, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync("   Verified: TOTP is now this user's MFA.").ConfigureAwait(false);
        if (verify.TryGetProperty("recoveryCodes", out var codes))
        {
            await stdout.WriteLineAsync("4. Recovery codes, shown this once (keep them where the phone is not):").ConfigureAwait(false);
            foreach (var recovery in codes.EnumerateArray()) await stdout.WriteLineAsync("     " + recovery.GetString()).ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteLineAsync("4. This tenant issues no recovery codes.").ConfigureAwait(false);
        }

        await stdout.WriteLineAsync("5. Signing in again: now the user pool asks for the authenticator's code…").ConfigureAwait(false);
        var again = await SignInAsync(cognito, clientId, user, cancellationToken).ConfigureAwait(false);
        if (again.ChallengeName != ChallengeNames.SoftwareTokenMfa)
            throw new DemoFailure($"Expected the SOFTWARE_TOKEN_MFA challenge, got {again.ChallengeName ?? "tokens without MFA"}.");
        var mfa = await AnswerMfaAsync(cognito, clientId, user, again.Session!, args, secret, stdin, stdout, code, cancellationToken).ConfigureAwait(false);

        await stdout.WriteLineAsync("6. Signed in with MFA. The access token's claims (the token itself is not shown):").ConfigureAwait(false);
        foreach (var (name, value) in Claims(mfa.AccessToken!)) await stdout.WriteLineAsync($"     {name}: {value}").ConfigureAwait(false);
        await stdout.WriteLineAsync("Done.").ConfigureAwait(false);
    }

    private static Task<InitiateAuthResponse> SignInAsync(CognitoIdentityProviderClient cognito, string clientId, StackDemoUser user, CancellationToken cancellationToken) =>
        cognito.InitiateAuthAsync(new InitiateAuthRequest
        {
            AuthFlow = AuthFlows.UserPasswordAuth,
            ClientId = clientId,
            AuthParameters = new Dictionary<string, string> { [ChallengeKeys.Username] = user.Username, [ChallengeKeys.Password] = user.Password },
        }, cancellationToken);

    /// <summary>A code for the MFA sign-in; a script waits for the next time step if the enrollment used this one.</summary>
    private static async Task<AuthenticationResult> AnswerMfaAsync(CognitoIdentityProviderClient cognito, string clientId, StackDemoUser user, string session,
        Arguments args, string secret, TextReader stdin, TextWriter stdout, string usedCode, CancellationToken cancellationToken)
    {
        if (args.NonInteractive)
        {
            while (DemoTotp.Code(secret, DateTimeOffset.UtcNow) == usedCode) await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
        var code = await ReadCodeAsync(args, secret, "   Type the code the app shows now: ", stdin, stdout).ConfigureAwait(false);
        try
        {
            var answer = await cognito.RespondToAuthChallengeAsync(new RespondToAuthChallengeRequest
            {
                ClientId = clientId,
                ChallengeName = ChallengeNames.SoftwareTokenMfa,
                Session = session,
                ChallengeResponses = new Dictionary<string, string> { [ChallengeKeys.Username] = user.Username, [ChallengeKeys.SoftwareTokenMfaCode] = code },
            }, cancellationToken).ConfigureAwait(false);
            return answer.AuthenticationResult ?? throw new DemoFailure($"The user pool asked for {answer.ChallengeName} after the code.");
        }
        catch (CognitoServiceException ex) when (ex.ErrorType.Contains("CodeMismatch", StringComparison.Ordinal))
        {
            throw new DemoFailure("The user pool refused the code: wrong or expired. Run the demo again after restarting `up`.");
        }
    }

    private static async Task<string> ReadCodeAsync(Arguments args, string secret, string prompt, TextReader stdin, TextWriter stdout)
    {
        await stdout.WriteAsync(prompt).ConfigureAwait(false);
        if (args.NonInteractive)
        {
            // Far enough from the end of the step that the code is still current when it arrives.
            if (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % DemoTotp.StepSeconds >= 27) await Task.Delay(TimeSpan.FromSeconds(4)).ConfigureAwait(false);
            var computed = DemoTotp.Code(secret, DateTimeOffset.UtcNow);
            await stdout.WriteLineAsync(computed + "   (computed from the secret: --non-interactive)").ConfigureAwait(false);
            return computed;
        }
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await stdout.FlushAsync().ConfigureAwait(false);
            var line = (await stdin.ReadLineAsync().ConfigureAwait(false))?.Replace(" ", "", StringComparison.Ordinal).Trim()
                ?? throw new DemoFailure("No code was typed (end of input). Use --non-interactive in scripts.");
            if (line.Length == 6 && line.All(char.IsAsciiDigit)) return line;
            await stdout.WriteAsync("   Six digits, please: ").ConfigureAwait(false);
        }
        throw new DemoFailure("No six-digit code was typed.");
    }

    /// <summary>The JWT's payload, read (not verified: the API verified it) to show what the app receives.</summary>
    private static IEnumerable<(string Name, string Value)> Claims(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) yield break;
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        foreach (var claim in payload.RootElement.EnumerateObject())
            yield return (claim.Name, claim.Value.ValueKind == JsonValueKind.String ? claim.Value.GetString()! : claim.Value.GetRawText());
    }
}
