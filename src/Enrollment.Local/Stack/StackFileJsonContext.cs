using System.Text.Json.Serialization;

namespace Enrollment.Local.Stack;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StackFile))]
internal sealed partial class StackFileJsonContext : JsonSerializerContext;
