using Enrollment.Core.Audit;
using Enrollment.Core.Enrollment;
using Enrollment.Functions.Http;

namespace Enrollment.Functions.Hosting;

/// <summary>
/// The composition root: one process-wide set of services, built on the first invoke (cold start pays
/// once), from the environment the template sets. Tests build functions with their own services instead.
/// </summary>
public sealed class FunctionServices
{
    private static readonly Lazy<FunctionServices> SharedInstance = new(() => Build(Environment.GetEnvironmentVariable, TimeProvider.System));

    public static FunctionServices Shared => SharedInstance.Value;

    public required TotpEnrollmentService Enrollment { get; init; }
    public required HttpFunctionRunner Runner { get; init; }

    public static FunctionServices Build(Func<string, string?> env, TimeProvider time)
    {
        throw new NotImplementedException("wired after the infrastructure merge");
    }
}
