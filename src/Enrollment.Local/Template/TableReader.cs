namespace Enrollment.Local.Template;

/// <summary>Reads every AWS::DynamoDB::Table: keys, indexes, TTL, billing, and the name <c>!Ref</c> gives here.</summary>
internal static class TableReader
{
    public static Dictionary<string, DynamoDbTable> Read(TemplateScope scope) =>
        scope.ResourcesOfType("AWS::DynamoDB::Table").ToDictionary(id => id, id => ReadTable(scope, id), StringComparer.Ordinal);

    private static DynamoDbTable ReadTable(TemplateScope scope, string id)
    {
        var at = $"Resources.{id}.Properties";
        var p = scope.Properties(id);
        // A policy may be an intrinsic (Fn::If on a condition, as the template's tables use), as CloudFormation allows.
        var policyAt = $"Resources.{id}.DeletionPolicy";
        var deletionPolicy = scope.Text(scope.Resolver.Resolve(scope.Resolver.Resources[id].GetValueOrDefault("DeletionPolicy"), policyAt), policyAt);

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        if (p.GetValueOrDefault("AttributeDefinitions") is List<object?> definitions)
            foreach (var d in definitions.OfType<Dictionary<string, object?>>())
                if (scope.Text(d.GetValueOrDefault("AttributeName"), at) is { } name)
                    types[name] = scope.Text(d.GetValueOrDefault("AttributeType"), at) ?? "S";

        var (pk, sk) = ReadKeySchema(scope, p.GetValueOrDefault("KeySchema"), types, $"{at}.KeySchema");
        var ttl = p.GetValueOrDefault("TimeToLiveSpecification") as Dictionary<string, object?>;
        var sse = p.GetValueOrDefault("SSESpecification") as Dictionary<string, object?>;
        var pitr = p.GetValueOrDefault("PointInTimeRecoverySpecification") as Dictionary<string, object?>;
        return new DynamoDbTable(
            id,
            scope.Resolver.ResourceRef(id, at),
            pk,
            sk,
            ReadIndexes(scope, p.GetValueOrDefault("GlobalSecondaryIndexes"), types, $"{at}.GlobalSecondaryIndexes"),
            ReadIndexes(scope, p.GetValueOrDefault("LocalSecondaryIndexes"), types, $"{at}.LocalSecondaryIndexes"),
            ttl is not null && TemplateScope.Bool(ttl.GetValueOrDefault("Enabled")) ? scope.Text(ttl.GetValueOrDefault("AttributeName"), at) : null,
            scope.Text(p.GetValueOrDefault("BillingMode"), at) ?? "PROVISIONED",
            TemplateScope.Bool(sse?.GetValueOrDefault("SSEEnabled")),
            TemplateScope.Bool(pitr?.GetValueOrDefault("PointInTimeRecoveryEnabled")),
            deletionPolicy,
            p);
    }

    private static (KeyAttribute Partition, KeyAttribute? Sort) ReadKeySchema(TemplateScope scope, object? schema, Dictionary<string, string> types, string at)
    {
        KeyAttribute? partition = null, sort = null;
        foreach (var key in (schema as List<object?> ?? []).OfType<Dictionary<string, object?>>())
        {
            var name = scope.Text(key.GetValueOrDefault("AttributeName"), at) ?? "";
            if (!types.TryGetValue(name, out var type))
                throw scope.Error($"{at} uses '{name}', which AttributeDefinitions does not declare.");
            var attribute = new KeyAttribute(name, type);
            if (scope.Text(key.GetValueOrDefault("KeyType"), at) == "RANGE") sort = attribute; else partition = attribute;
        }
        return (partition ?? throw scope.Error($"{at} has no HASH key."), sort);
    }

    private static List<SecondaryIndex> ReadIndexes(TemplateScope scope, object? value, Dictionary<string, string> types, string at) =>
        (value as List<object?> ?? []).OfType<Dictionary<string, object?>>().Select(index =>
        {
            var name = scope.Text(index.GetValueOrDefault("IndexName"), at) ?? "";
            var (pk, sk) = ReadKeySchema(scope, index.GetValueOrDefault("KeySchema"), types, $"{at}.{name}.KeySchema");
            var projection = index.GetValueOrDefault("Projection") as Dictionary<string, object?>;
            return new SecondaryIndex(name, pk, sk,
                scope.Text(projection?.GetValueOrDefault("ProjectionType"), at) ?? "ALL",
                scope.Strings(projection?.GetValueOrDefault("NonKeyAttributes"), at));
        }).ToList();
}
