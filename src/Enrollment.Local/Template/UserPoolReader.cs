namespace Enrollment.Local.Template;

/// <summary>Reads the AWS::Cognito::UserPool resources and their AWS::Cognito::UserPoolClient app clients.</summary>
internal static class UserPoolReader
{
    public static Dictionary<string, UserPoolDefinition> ReadPools(TemplateScope scope) =>
        scope.ResourcesOfType("AWS::Cognito::UserPool").ToDictionary(id => id, id =>
        {
            var at = $"Resources.{id}.Properties";
            var p = scope.Properties(id);
            return new UserPoolDefinition(
                id,
                scope.Resolver.ResourceRef(id, at),
                scope.Text(p.GetValueOrDefault("UserPoolName"), at),
                scope.Text(p.GetValueOrDefault("MfaConfiguration"), $"{at}.MfaConfiguration") ?? "OFF",
                scope.Strings(p.GetValueOrDefault("EnabledMfas"), $"{at}.EnabledMfas"),
                p);
        }, StringComparer.Ordinal);

    public static Dictionary<string, UserPoolClientDefinition> ReadClients(TemplateScope scope) =>
        scope.ResourcesOfType("AWS::Cognito::UserPoolClient").ToDictionary(id => id, id =>
        {
            var at = $"Resources.{id}.Properties";
            var p = scope.Properties(id);
            return new UserPoolClientDefinition(
                id,
                scope.Resolver.ResourceRef(id, at),
                scope.RefTarget(scope.RawProperties(id).GetValueOrDefault("UserPoolId")),
                scope.Text(p.GetValueOrDefault("ClientName"), at),
                scope.Strings(p.GetValueOrDefault("ExplicitAuthFlows"), $"{at}.ExplicitAuthFlows"),
                TemplateScope.Bool(p.GetValueOrDefault("GenerateSecret")),
                p);
        }, StringComparer.Ordinal);
}
