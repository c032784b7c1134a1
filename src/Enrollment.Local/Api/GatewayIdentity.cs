namespace Enrollment.Local.Api;

/// <summary>What the local gateway says about itself in <c>requestContext</c>: the account, the API id and the stage.</summary>
public sealed record GatewayIdentity(string AccountId, string ApiId, string Stage = "$default");
