using System.Text.Json.Nodes;
using Enrollment.Core.SignIn;
using Enrollment.Functions.Triggers;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Triggers;

/// <summary>
/// Every events/trigger-*.json, replayed through the handler class the template names for its triggerSource, on the
/// <see cref="Enrollment.Testing.SignInWorld"/> (clock at 2026-03-01T10:00Z). A new event file needs a row here.
/// </summary>
public sealed class TriggerEventReplayTests
{
    private const string R = SignInReasons.ChallengeRetry;

    /// <summary>File name to (outcome as <see cref="Outcome"/> writes it, reason of the last audit event or null for none).</summary>
    public static readonly Dictionary<string, (string Outcome, string? Reason)> Expected = new()
    {
        ["trigger-define-first-call.json"] = ("PASSWORD_VERIFIER", null),
        ["trigger-define-passwordless.json"] = ("FAIL", SignInReasons.UnsupportedFlow),
        ["trigger-define-wrong-password.json"] = ("FAIL", SignInReasons.PasswordFailed),
        ["trigger-define-after-password-enrolled.json"] = ("ISSUE_TOKENS", SignInReasons.MfaEnrolled),
        ["trigger-define-after-software-token-mfa.json"] = ("ISSUE_TOKENS", SignInReasons.MfaEnrolled),
        ["trigger-define-recovery-mode.json"] = ("CUSTOM_CHALLENGE", SignInReasons.RecoveryCodeAsked),
        ["trigger-define-recovery-wrong-answer.json"] = ("CUSTOM_CHALLENGE", R),
        ["trigger-define-recovery-accepted.json"] = ("ISSUE_TOKENS", SignInReasons.Recovered),
        ["trigger-define-too-many-wrong-answers.json"] = ("FAIL", SignInReasons.ChallengeFailureLimit),
        ["trigger-define-enrollment-gate-within-grace.json"] = ("CUSTOM_CHALLENGE", SignInReasons.EnrollmentGateAsked),
        ["trigger-define-enrollment-gate-after-grace.json"] = ("CUSTOM_CHALLENGE", SignInReasons.EnrollmentGateAsked),
        ["trigger-define-enrollment-gate-acknowledged.json"] = ("ISSUE_TOKENS", SignInReasons.EnrollmentGrace),
        ["trigger-define-enrollment-gate-acknowledged-after-grace.json"] = ("ISSUE_TOKENS", SignInReasons.EnrollmentOnly),
        ["trigger-define-user-not-found.json"] = ("CUSTOM_CHALLENGE", SignInReasons.EnrollmentGateAsked),
        ["trigger-define-user-not-found-end.json"] = ("FAIL", SignInReasons.UserNotFound),
        ["trigger-create-recovery-code.json"] = ("RECOVERY_CODE|-|3", null),
        ["trigger-create-recovery-code-retry.json"] = ("RECOVERY_CODE|-|2", null),
        ["trigger-create-enrollment-gate-within-grace.json"] = ("ENROLLMENT_GATE|FULL|3", null),
        ["trigger-create-enrollment-gate-after-grace.json"] = ("ENROLLMENT_GATE|ENROLLMENT_ONLY|3", null),
        ["trigger-create-user-not-found.json"] = ("ENROLLMENT_GATE|FULL|3", null),
        ["trigger-verify-recovery-code.json"] = ("true", SignInReasons.RecoveryCodeAccepted),
        ["trigger-verify-wrong-answer.json"] = ("false", SignInReasons.WrongAnswer),
        ["trigger-verify-enrollment-gate.json"] = ("true", SignInReasons.EnrollmentGateAcknowledged),
        ["trigger-verify-user-not-found.json"] = ("false", SignInReasons.WrongAnswer),
        ["trigger-pretoken-enrolled.json"] = ("demo|enrolled=true|required=false|only=-|suppress=", SignInReasons.TokensFullAccess),
        ["trigger-pretoken-refresh.json"] = ("demo|enrolled=true|required=false|only=-|suppress=", SignInReasons.TokensFullAccess),
        ["trigger-pretoken-within-grace.json"] = ("demo|enrolled=false|required=true|only=-|suppress=", SignInReasons.TokensEnrollmentGrace),
        ["trigger-pretoken-must-enroll.json"] = ("demo|enrolled=false|required=true|only=true|suppress=openid,email,https://api.example.com/orders.read", SignInReasons.TokensEnrollmentOnly),
        ["trigger-pretoken-after-recovery.json"] = ("demo|enrolled=false|required=true|only=true|suppress=", SignInReasons.TokensEnrollmentOnly),
        ["trigger-pretoken-admin-groups.json"] = ("demo|enrolled=true|required=false|only=-|suppress=", SignInReasons.TokensFullAccess),

        // Issue 8 (2): Cognito is the source of truth for the factor; our record is metadata.
        ["trigger-define-factor-removed-outside-api.json"] = ("CUSTOM_CHALLENGE", SignInReasons.EnrollmentGateAsked),
        ["trigger-define-factor-removed-gate-acknowledged.json"] = ("ISSUE_TOKENS", SignInReasons.EnrollmentOnly),
        ["trigger-define-factor-outside-policy.json"] = ("CUSTOM_CHALLENGE", SignInReasons.EnrollmentGateAsked),
        ["trigger-pretoken-factor-removed-outside-api.json"] = ("demo|enrolled=false|required=true|only=true|suppress=openid,email,https://api.example.com/orders.read", SignInReasons.TokensEnrollmentOnly),
        // Issue 8 (3): the tenant is the user's binding; the client must belong to it.
        ["trigger-define-client-of-another-tenant.json"] = ("FAIL", SignInReasons.ClientOfAnotherTenant),
        ["trigger-define-client-of-no-tenant.json"] = ("FAIL", SignInReasons.ClientOfAnotherTenant),
        ["trigger-define-user-not-in-tenant.json"] = ("FAIL", SignInReasons.UserNotInTenant),
        ["trigger-pretoken-client-of-no-tenant.json"] = (Throws, SignInReasons.ClientOfAnotherTenant),
        ["trigger-pretoken-user-of-another-tenant.json"] = (Throws, SignInReasons.ClientOfAnotherTenant),
        ["trigger-pretoken-user-not-in-tenant.json"] = (Throws, SignInReasons.UserNotInTenant),
        // Issue 11 (6): no restriction that cannot be applied; (7) parse only what is used; (8) Define's shapes; (10) V3.
        ["trigger-pretoken-must-enroll-no-scopes.json"] = (Throws, "scopes"),
        ["trigger-pretoken-no-request.json"] = (Throws, null),
        ["trigger-pretoken-prefilled-devguide-shape.json"] = ("demo|enrolled=true|required=false|only=-|suppress=", SignInReasons.TokensFullAccess),
        ["trigger-pretoken-prefilled-numeric-claim.json"] = ("demo|enrolled=true|required=false|only=-|suppress=", SignInReasons.TokensFullAccess),
        ["trigger-pretoken-client-credentials-v3.json"] = (Throws, null),
        ["trigger-define-prefilled-response.json"] = ("ISSUE_TOKENS", SignInReasons.MfaEnrolled),
        ["trigger-define-session-too-long.json"] = ("FAIL", SignInReasons.SessionTooLong),
        ["trigger-define-wrong-types.json"] = ("FAIL", null),
        ["trigger-define-session-object.json"] = ("FAIL", null),
    };

    /// <summary>The outcome of a file whose function throws: Cognito fails the sign-in with our fixed text.</summary>
    public const string Throws = "THROWS";

    public static TheoryData<string> EventFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Events, "trigger-*.json").Order()) data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void Every_trigger_event_file_has_an_expectation_and_every_expectation_a_file()
    {
        var files = EventFiles().Select(row => row.Data).ToHashSet();
        Assert.Equal(Expected.Keys.Order(), files.Order());
    }

    [Theory]
    [MemberData(nameof(EventFiles))]
    public async Task Replayed_through_its_handler(string file)
    {
        var functions = new TriggerFunctions();
        var text = await File.ReadAllTextAsync(RepoPaths.Event(file), TestContext.Current.CancellationToken);
        var sent = JsonNode.Parse(text)!.AsObject();
        AssertCognitoShape(sent);

        var (outcome, reason) = Expected[file];
        JsonObject returned;
        try
        {
            returned = await TriggerFunctions.InvokeAsync(functions.ForTriggerSource((string)sent["triggerSource"]!), text);
        }
        catch (TriggerFailedException failure)
        {
            Assert.Equal(TriggerFailedException.Text, failure.Message);
            Assert.Equal((outcome, reason), (Throws, functions.World.Audit.Events.LastOrDefault()?.Reason));
            return;
        }

        // The whole event comes back: everything but the response is as sent.
        foreach (var (name, value) in sent.Where(p => p.Key != "response"))
            Assert.True(JsonNode.DeepEquals(value, returned[name]), $"{name} changed");
        var response = returned["response"]!.AsObject();
        Assert.Equal(outcome, Outcome((string)sent["triggerSource"]!, response));
        Assert.Equal(reason, functions.World.Audit.Events.LastOrDefault()?.Reason);
        // cognito:groups survives by construction: the request's groupConfiguration goes back as groupOverrideDetails.
        if (sent["request"]?["groupConfiguration"] is { } groups)
            Assert.True(JsonNode.DeepEquals(groups, response["claimsAndScopeOverrideDetails"]!["groupOverrideDetails"]), $"{file}: groups not kept");
    }

    /// <summary>
    /// The files carry what Cognito sends: the envelope, and a response of explicit nulls, except the "prefilled" files,
    /// which carry responses shaped as AWS's own samples are (events/README.md), to prove they are never read.
    /// </summary>
    private static void AssertCognitoShape(JsonObject sent)
    {
        foreach (var member in new[] { "version", "triggerSource", "region", "userPoolId", "userName", "callerContext", "request", "response" })
            Assert.True(sent.ContainsKey(member), $"missing {member}");
        Assert.False(string.IsNullOrEmpty((string?)sent["callerContext"]!["clientId"]));
        if (sent["response"] is JsonObject response && !response.Any(member => member.Value is not null)) Assert.NotEmpty(response);
    }

    private static string Outcome(string triggerSource, JsonObject response)
    {
        switch (triggerSource)
        {
            case "DefineAuthChallenge_Authentication":
                var issue = (bool)response["issueTokens"]!;
                var fail = (bool)response["failAuthentication"]!;
                Assert.False(issue && fail);
                return issue ? "ISSUE_TOKENS" : fail ? "FAIL" : (string)response["challengeName"]!;
            case "CreateAuthChallenge_Authentication":
                var parameters = response["publicChallengeParameters"]!.AsObject();
                var name = (string)parameters["challenge"]!;
                Assert.Equal(name, (string?)response["challengeMetadata"]);
                Assert.Equal(name, (string?)response["privateChallengeParameters"]!["challenge"]);
                return $"{name}|{(string?)parameters["access"] ?? "-"}|{(string)parameters["attemptsRemaining"]!}";
            case "VerifyAuthChallengeResponse_Authentication":
                return ((bool)response["answerCorrect"]!).ToString().ToLowerInvariant();
            default:
                var details = response["claimsAndScopeOverrideDetails"]!;
                var access = details["accessTokenGeneration"]!;
                var claims = access["claimsToAddOrOverride"]!;
                Assert.True(JsonNode.DeepEquals(claims, details["idTokenGeneration"]!["claimsToAddOrOverride"]), "ID and access token claims differ");
                var suppress = access["scopesToSuppress"]?.AsArray().Select(s => (string)s!) ?? [];
                return $"{(string)claims["tenant_id"]!}|enrolled={(string)claims["mfa_enrolled"]!}|required={(string)claims["mfa_enrollment_required"]!}" +
                    $"|only={(string?)claims["mfa_enrollment_only"] ?? "-"}|suppress={string.Join(",", suppress)}";
        }
    }
}
