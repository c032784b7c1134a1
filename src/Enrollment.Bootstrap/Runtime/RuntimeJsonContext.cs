using System.Text.Json.Serialization;

namespace Enrollment.Bootstrap.Runtime;

/// <summary>Source-generated JSON for the Runtime API's own documents (no reflection, trim and AOT safe).</summary>
[JsonSerializable(typeof(LambdaError))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
