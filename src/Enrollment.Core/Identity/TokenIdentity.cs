namespace Enrollment.Core.Identity;

/// <summary>
/// Who a set of tokens Cognito just issued names: read from the tokens' claims (iss, client_id, sub, username, and the
/// user's tenant binding from the ID token's custom:tenant_id, else tenant_id). Holds no token.
/// </summary>
public sealed record TokenIdentity(string Issuer, string ClientId, string Sub, string Username, string? TenantId);
