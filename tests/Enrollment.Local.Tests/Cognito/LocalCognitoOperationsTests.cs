using Enrollment.Functions.Http;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Local.Cognito;
using Xunit;

namespace Enrollment.Local.Tests.Cognito;

/// <summary>The operations only `up` and the tests send live in Enrollment.Local, never in what the Lambda package ships.</summary>
public sealed class LocalCognitoOperationsTests
{
    private static readonly System.Reflection.Assembly[] Shipped =
        [typeof(CognitoIdentityProviderClient).Assembly, typeof(MeAssociateTotpFunction).Assembly, System.Reflection.Assembly.Load("Enrollment.Core")];

    [Fact]
    public void No_local_only_operation_or_wire_type_is_in_the_shipped_assemblies()
    {
        var operations = typeof(LocalCognitoOperations).GetMethods().Where(m => m.IsStatic && m.Name.EndsWith("Async", StringComparison.Ordinal)).ToList();
        Assert.Contains(operations, m => m.Name == "CreateUserPoolAsync");
        Assert.Contains(operations, m => m.Name == "InitiateAuthAsync");

        var clientMethods = typeof(CognitoIdentityProviderClient).GetMethods().Select(m => m.Name).ToHashSet();
        Assert.All(operations, m => Assert.DoesNotContain(m.Name, clientMethods));

        var localWireTypes = typeof(LocalCognitoOperations).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(LocalCognitoOperations).Namespace && t.IsPublic).Select(t => t.Name).ToHashSet();
        var shippedTypes = Shipped.SelectMany(a => a.GetTypes()).Select(t => t.Name).ToHashSet();
        Assert.Contains("CreateUserPoolRequest", localWireTypes);
        Assert.Empty(localWireTypes.Intersect(shippedTypes));
    }
}
