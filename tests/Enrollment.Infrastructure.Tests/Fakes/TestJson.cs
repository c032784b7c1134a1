using System.Text.Json.Serialization;

namespace Enrollment.Infrastructure.Tests.Fakes;

/// <summary>Reflection serialization is off everywhere, tests included.</summary>
[JsonSerializable(typeof(string[]), TypeInfoPropertyName = "StringArray")]
public sealed partial class TestJson : JsonSerializerContext;
