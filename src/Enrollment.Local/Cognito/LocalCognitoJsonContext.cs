using System.Text.Json.Serialization;

namespace Enrollment.Local.Cognito;

/// <summary>
/// Source-generated (de)serializers for the Cognito wire types only the local runner and tests send (pool, client,
/// user and group provisioning, password sign-in). Same options as the functions' context: nulls left out.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InitiateAuthRequest))]
[JsonSerializable(typeof(InitiateAuthResponse))]
[JsonSerializable(typeof(GlobalSignOutRequest))]
[JsonSerializable(typeof(AdminListGroupsForUserRequest))]
[JsonSerializable(typeof(AdminListGroupsForUserResponse))]
[JsonSerializable(typeof(CreateUserPoolRequest))]
[JsonSerializable(typeof(CreateUserPoolResponse))]
[JsonSerializable(typeof(DescribeUserPoolRequest))]
[JsonSerializable(typeof(DescribeUserPoolResponse))]
[JsonSerializable(typeof(SetUserPoolMfaConfigRequest))]
[JsonSerializable(typeof(SetUserPoolMfaConfigResponse))]
[JsonSerializable(typeof(CreateUserPoolClientRequest))]
[JsonSerializable(typeof(CreateUserPoolClientResponse))]
[JsonSerializable(typeof(AdminCreateUserRequest))]
[JsonSerializable(typeof(AdminCreateUserResponse))]
[JsonSerializable(typeof(AdminSetUserPasswordRequest))]
[JsonSerializable(typeof(CreateGroupRequest))]
[JsonSerializable(typeof(CreateGroupResponse))]
[JsonSerializable(typeof(AdminAddUserToGroupRequest))]
[JsonSerializable(typeof(AdminDeleteUserRequest))]
internal sealed partial class LocalCognitoJsonContext : JsonSerializerContext;
