using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Enrollment.Infrastructure.DynamoDb;

/// <summary>Short constructors for attribute values (numbers travel as invariant-culture text).</summary>
internal static class Attributes
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
