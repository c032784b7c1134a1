using System.Text.Json.Serialization;
using Enrollment.Infrastructure.Cognito.Model;

namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// Source-generated (de)serializers for every Cognito wire type: reflection serialization is off project-wide,
/// and this keeps the client trim- and ReadyToRun-friendly. Property names are the PascalCase wire names as
/// declared; nulls are left out so optional members are absent, as the service expects.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AssociateSoftwareTokenRequest))]
[JsonSerializable(typeof(AssociateSoftwareTokenResponse))]
[JsonSerializable(typeof(VerifySoftwareTokenRequest))]
[JsonSerializable(typeof(VerifySoftwareTokenResponse))]
[JsonSerializable(typeof(SetUserMfaPreferenceRequest))]
[JsonSerializable(typeof(GetUserRequest))]
[JsonSerializable(typeof(GetUserResponse))]
[JsonSerializable(typeof(RespondToAuthChallengeRequest))]
[JsonSerializable(typeof(RespondToAuthChallengeResponse))]
[JsonSerializable(typeof(AdminGetUserRequest))]
[JsonSerializable(typeof(AdminGetUserResponse))]
[JsonSerializable(typeof(AdminSetUserMfaPreferenceRequest))]
[JsonSerializable(typeof(AdminDeleteSoftwareTokenRequest))]
[JsonSerializable(typeof(AdminUserGlobalSignOutRequest))]
internal sealed partial class CognitoJsonContext : JsonSerializerContext;
