using System.Text.Json.Nodes;
using Enrollment.Core.Identity;
using Enrollment.Core.SignIn;
using Enrollment.Core.UserPool;
using Enrollment.Functions.Triggers;
using Enrollment.Testing;

namespace Enrollment.Functions.Tests.Triggers;

/// <summary>When Cognito's own TOTP (SOFTWARE_TOKEN_MFA) comes, for a user whose software token is active.</summary>
public enum CognitoMfaOrder
{
    /// <summary>Right after PASSWORD_VERIFIER, and Define is then called with it in session[].</summary>
    BeforeDefine,

    /// <summary>After Define issued tokens; Cognito then calls Define again with it in session[].</summary>
    AfterTokens,

    /// <summary>Right after PASSWORD_VERIFIER, and Cognito issues tokens without calling Define again (amplify-js#3876).</summary>
    WithoutDefine,
}

/// <summary>What the app saw: a challenge name and its public parameters.</summary>
public sealed record AppStep(string ChallengeName, IReadOnlyDictionary<string, string> Parameters)
{
    public string? Custom => Parameters.GetValueOrDefault(CustomChallenges.ChallengeParameter);

    public override string ToString() => Custom is null ? ChallengeName : $"{ChallengeName}:{Custom}({string.Join(",", Parameters.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))})";
}

public sealed record SignInResult(bool Succeeded, IReadOnlyList<AppStep> Steps, JsonObject? TokenOverrides)
{
    public IReadOnlyDictionary<string, string> AccessClaims =>
        TokenOverrides?["accessTokenGeneration"]?["claimsToAddOrOverride"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];

    public IReadOnlyDictionary<string, string> IdClaims =>
        TokenOverrides?["idTokenGeneration"]?["claimsToAddOrOverride"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!) ?? [];

    public IReadOnlyList<string> SuppressedScopes =>
        TokenOverrides?["accessTokenGeneration"]?["scopesToSuppress"]?.AsArray().Select(s => (string)s!).ToList() ?? [];
}

/// <summary>
/// Plays Cognito's part in a CUSTOM_AUTH sign-in with SRP, calling the trigger functions as Cognito does: Define
/// after each step, Create for each CUSTOM_CHALLENGE, Verify for each answer (its answerCorrect becomes the
/// session entry, with Create's challengeMetadata), its own PASSWORD_VERIFIER and SOFTWARE_TOKEN_MFA, and
/// pre token generation (V2) before tokens. ClientMetadata reaches the triggers only from RespondToAuthChallenge.
/// </summary>
public sealed class CognitoSimulator(TriggerFunctions functions)
{
    public const int MaxRoundTrips = 20;

    /// <param name="Tenant">The user's binding, custom:tenant_id (null: a user of no tenant).</param>
    public sealed record User(string Password, string? Totp = null, string? Tenant = "demo");

    private readonly Dictionary<string, User> _users = [];

    /// <summary>Every trigger event sent, in order, for assertions on what Cognito saw.</summary>
    public List<JsonObject> Sent { get; } = [];

    /// <summary>A user of the pool; with <paramref name="totp"/>, Cognito holds a software token for it (AdminGetUser lists it).</summary>
    public CognitoSimulator WithUser(string username, string password, string? totp = null, string? tenant = "demo")
    {
        _users[username] = new User(password, totp, tenant);
        if (totp is null) functions.World.UserPool.AddUser(username);
        else functions.World.UserPool.AddUser(username, FakeSignInUserPool.SoftwareTokenMfa);
        return this;
    }

    /// <param name="answer">The app: answers a challenge (the TOTP, a recovery code, "ACK").</param>
    /// <param name="modeOnPassword">clientMetadata signInMode the app sends with its PASSWORD_VERIFIER answer.</param>
    /// <param name="unknownPasswordPasses">For an unknown user Cognito fails the password; true pretends it passed, to compare the triggers alone.</param>
    public async Task<SignInResult> SignInAsync(string username, string password, Func<AppStep, string> answer,
        string? modeOnPassword = null, CognitoMfaOrder order = CognitoMfaOrder.BeforeDefine, bool unknownPasswordPasses = false,
        string clientId = SignInWorld.DemoClient, IReadOnlyList<string>? scopes = null)
    {
        var exists = _users.TryGetValue(username, out var user);
        var userNotFound = !exists;
        var tenant = user?.Tenant;
        var session = new JsonArray(CognitoEvents.SessionEntry(ChallengeNames.SrpA, true)); // InitiateAuth with SRP_A
        var steps = new List<AppStep>();
        IReadOnlyDictionary<string, string>? clientMetadata = null; // InitiateAuth's ClientMetadata does not reach the triggers

        for (var round = 0; round < MaxRoundTrips; round++)
        {
            var define = (await Send(CognitoEvents.Define(username, session, clientMetadata, userNotFound, clientId, tenant)))["response"]!;
            if ((bool?)define["failAuthentication"] == true) return new(false, steps, null);
            if ((bool?)define["issueTokens"] == true)
            {
                if (user?.Totp is not null && !Has(session, ChallengeNames.SoftwareTokenMfa))
                {
                    // Cognito's own TOTP at token time; then it asks Define again.
                    if (!CognitoTotp(user, steps, session, answer)) return new(false, steps, null);
                    clientMetadata = null;
                    continue;
                }
                return await TokensAsync(steps, username, clientId, scopes, tenant);
            }

            var challengeName = (string?)define["challengeName"];
            if (challengeName == ChallengeNames.PasswordVerifier)
            {
                steps.Add(new AppStep(challengeName, new Dictionary<string, string>()));
                clientMetadata = modeOnPassword is null ? null : new Dictionary<string, string> { [SignInModes.MetadataKey] = modeOnPassword };
                var passed = exists ? user!.Password == password : unknownPasswordPasses;
                session.Add(CognitoEvents.SessionEntry(ChallengeNames.PasswordVerifier, passed));
                if (passed && user?.Totp is not null && order != CognitoMfaOrder.AfterTokens)
                {
                    if (!CognitoTotp(user, steps, session, answer)) return new(false, steps, null);
                    clientMetadata = null;
                    if (order == CognitoMfaOrder.WithoutDefine)
                        return await TokensAsync(steps, username, clientId, scopes, tenant);
                }
                continue;
            }

            Assert.Equal(ChallengeNames.CustomChallenge, challengeName);
            var created = (await Send(CognitoEvents.Create(username, session, clientMetadata, userNotFound, clientId, tenant)))["response"]!;
            var parameters = created["publicChallengeParameters"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
            var step = new AppStep(ChallengeNames.CustomChallenge, parameters);
            steps.Add(step);
            var given = answer(step);
            clientMetadata = null; // the app sends none with a custom answer
            var verified = (await Send(CognitoEvents.Verify(username, created["privateChallengeParameters"], given, clientMetadata, userNotFound, clientId, tenant)))["response"]!;
            session.Add(CognitoEvents.SessionEntry(ChallengeNames.CustomChallenge, (bool)verified["answerCorrect"]!, (string?)created["challengeMetadata"]));
        }
        throw new InvalidOperationException($"The sign-in did not end within {MaxRoundTrips} round trips.");
    }

    private static bool CognitoTotp(User user, List<AppStep> steps, JsonArray session, Func<AppStep, string> answer)
    {
        var step = new AppStep(ChallengeNames.SoftwareTokenMfa, new Dictionary<string, string>());
        steps.Add(step);
        var passed = answer(step) == user.Totp;
        session.Add(CognitoEvents.SessionEntry(ChallengeNames.SoftwareTokenMfa, passed));
        return passed;
    }

    /// <summary>Pre token generation, then tokens; a pre token trigger that throws fails the sign-in, as Cognito does.</summary>
    private async Task<SignInResult> TokensAsync(List<AppStep> steps, string username, string clientId, IReadOnlyList<string>? scopes, string? tenant)
    {
        try
        {
            return new(true, steps, await PreTokenAsync(username, clientId, scopes, tenant));
        }
        catch (TriggerFailedException)
        {
            return new(false, steps, null);
        }
    }

    private async Task<JsonObject?> PreTokenAsync(string username, string clientId, IReadOnlyList<string>? scopes, string? tenant)
    {
        var result = await Send(CognitoEvents.PreToken(username, scopes ?? [ClaimNames.EnrollmentScope], clientId: clientId, tenant: tenant));
        return result["response"]!["claimsAndScopeOverrideDetails"] as JsonObject;
    }

    private async Task<JsonObject> Send(JsonObject triggerEvent)
    {
        Sent.Add(triggerEvent);
        var result = await functions.InvokeAsync(triggerEvent);
        // Cognito gets its whole event back: the request is untouched.
        Assert.True(JsonNode.DeepEquals(triggerEvent["request"], result["request"]), "the request came back changed");
        return result;
    }

    private static bool Has(JsonArray session, string name) => session.Any(e => (string?)e!["challengeName"] == name && (bool)e["challengeResult"]!);
}
