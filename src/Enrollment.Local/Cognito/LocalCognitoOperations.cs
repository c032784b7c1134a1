using Enrollment.Infrastructure.Cognito;

namespace Enrollment.Local.Cognito;

/// <summary>
/// The Cognito operations only the local runner (`up`) and the tests send: creating the pool, its clients, users and
/// groups, and signing in with a password. They ride on the functions' transport (<see cref="CognitoIdentityProviderClient"/>:
/// retries, timeouts, SigV4) but live here, so the Lambda package carries none of them.
/// </summary>
public static class LocalCognitoOperations
{
    // Not repeated once sent: a TOTP-protected sign-in may consume a code (see CognitoOperation).
    private static readonly CognitoOperation InitiateAuth = new("InitiateAuth", false, false);
    // A repeat after success would fail NotAuthorized on the revoked token and hide the success.
    private static readonly CognitoOperation GlobalSignOut = new("GlobalSignOut", false, false);
    private static readonly CognitoOperation AdminListGroupsForUser = new("AdminListGroupsForUser", true, true);
    private static readonly CognitoOperation DescribeUserPool = new("DescribeUserPool", true, true);
    private static readonly CognitoOperation CreateUserPool = new("CreateUserPool", true, false);
    private static readonly CognitoOperation SetUserPoolMfaConfig = new("SetUserPoolMfaConfig", true, true);
    private static readonly CognitoOperation CreateUserPoolClient = new("CreateUserPoolClient", true, false);
    private static readonly CognitoOperation AdminCreateUser = new("AdminCreateUser", true, false);
    // Password history can reject the same password twice.
    private static readonly CognitoOperation AdminSetUserPassword = new("AdminSetUserPassword", true, false);
    private static readonly CognitoOperation CreateGroup = new("CreateGroup", true, false);
    private static readonly CognitoOperation AdminAddUserToGroup = new("AdminAddUserToGroup", true, true);
    // A repeat after success would fail UserNotFound and hide the success.
    private static readonly CognitoOperation AdminDeleteUser = new("AdminDeleteUser", true, false);

    private static LocalCognitoJsonContext Json => LocalCognitoJsonContext.Default;

    public static Task<InitiateAuthResponse> InitiateAuthAsync(this CognitoIdentityProviderClient client, InitiateAuthRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(InitiateAuth, request, Json.InitiateAuthRequest, Json.InitiateAuthResponse, cancellationToken);

    public static Task GlobalSignOutAsync(this CognitoIdentityProviderClient client, GlobalSignOutRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(GlobalSignOut, request, Json.GlobalSignOutRequest, cancellationToken);

    public static Task<AdminListGroupsForUserResponse> AdminListGroupsForUserAsync(this CognitoIdentityProviderClient client, AdminListGroupsForUserRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(AdminListGroupsForUser, request, Json.AdminListGroupsForUserRequest, Json.AdminListGroupsForUserResponse, cancellationToken);

    public static Task<DescribeUserPoolResponse> DescribeUserPoolAsync(this CognitoIdentityProviderClient client, DescribeUserPoolRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(DescribeUserPool, request, Json.DescribeUserPoolRequest, Json.DescribeUserPoolResponse, cancellationToken);

    public static Task<CreateUserPoolResponse> CreateUserPoolAsync(this CognitoIdentityProviderClient client, CreateUserPoolRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(CreateUserPool, request, Json.CreateUserPoolRequest, Json.CreateUserPoolResponse, cancellationToken);

    public static Task<SetUserPoolMfaConfigResponse> SetUserPoolMfaConfigAsync(this CognitoIdentityProviderClient client, SetUserPoolMfaConfigRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(SetUserPoolMfaConfig, request, Json.SetUserPoolMfaConfigRequest, Json.SetUserPoolMfaConfigResponse, cancellationToken);

    public static Task<CreateUserPoolClientResponse> CreateUserPoolClientAsync(this CognitoIdentityProviderClient client, CreateUserPoolClientRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(CreateUserPoolClient, request, Json.CreateUserPoolClientRequest, Json.CreateUserPoolClientResponse, cancellationToken);

    public static Task<AdminCreateUserResponse> AdminCreateUserAsync(this CognitoIdentityProviderClient client, AdminCreateUserRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(AdminCreateUser, request, Json.AdminCreateUserRequest, Json.AdminCreateUserResponse, cancellationToken);

    public static Task AdminSetUserPasswordAsync(this CognitoIdentityProviderClient client, AdminSetUserPasswordRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(AdminSetUserPassword, request, Json.AdminSetUserPasswordRequest, cancellationToken);

    public static Task<CreateGroupResponse> CreateGroupAsync(this CognitoIdentityProviderClient client, CreateGroupRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(CreateGroup, request, Json.CreateGroupRequest, Json.CreateGroupResponse, cancellationToken);

    public static Task AdminAddUserToGroupAsync(this CognitoIdentityProviderClient client, AdminAddUserToGroupRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(AdminAddUserToGroup, request, Json.AdminAddUserToGroupRequest, cancellationToken);

    public static Task AdminDeleteUserAsync(this CognitoIdentityProviderClient client, AdminDeleteUserRequest request, CancellationToken cancellationToken = default) =>
        client.InvokeAsync(AdminDeleteUser, request, Json.AdminDeleteUserRequest, cancellationToken);
}
