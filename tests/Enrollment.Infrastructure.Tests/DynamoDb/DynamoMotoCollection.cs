using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.DynamoDb;

/// <summary>
/// The DynamoDB store tests, one class after another on the assembly's moto (<see cref="MotoFixture"/>):
/// each class makes its own tables, and moto, which does not lock conditional writes, is not also racing other classes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DynamoMotoCollection
{
    public const string Name = "DynamoDB on moto";
}
