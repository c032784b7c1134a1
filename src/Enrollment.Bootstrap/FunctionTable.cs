using System.Collections.Frozen;
using Enrollment.Bootstrap.Runtime;
using Enrollment.Functions.Http;
using Enrollment.Functions.Triggers;

namespace Enrollment.Bootstrap;

/// <summary>
/// Every function this one executable holds, by the Handler string template.yaml gives it (Lambda passes it as
/// <c>_HANDLER</c>). The strings stay the .NET form <c>Assembly::Type::Method</c> the managed runtime uses, so the
/// template, the local runner's in-process mode and this table name a function the same way. Written out at compile
/// time: no reflection, so the native build keeps exactly these constructors and nothing else.
/// Each entry calls the function's production constructor, the one the managed runtime would call.
/// </summary>
public static class FunctionTable
{
    public const string HandlerVariable = "_HANDLER";

    public static FrozenDictionary<string, Func<StreamFunction>> Functions { get; } = new Dictionary<string, Func<StreamFunction>>(StringComparer.Ordinal)
    {
        [Http(nameof(MeAssociateTotpFunction))] = () => new MeAssociateTotpFunction().Handle,
        [Http(nameof(MeVerifyTotpFunction))] = () => new MeVerifyTotpFunction().Handle,
        [Http(nameof(ChallengeAssociateTotpFunction))] = () => new ChallengeAssociateTotpFunction().Handle,
        [Http(nameof(ChallengeVerifyTotpFunction))] = () => new ChallengeVerifyTotpFunction().Handle,
        [Http(nameof(MeTotpStatusFunction))] = () => new MeTotpStatusFunction().Handle,
        [Http(nameof(MeDisableTotpFunction))] = () => new MeDisableTotpFunction().Handle,
        [Http(nameof(MeRecoveryCodesFunction))] = () => new MeRecoveryCodesFunction().Handle,
        [Http(nameof(RecoverTotpFunction))] = () => new RecoverTotpFunction().Handle,
        [Http(nameof(AdminGetPolicyFunction))] = () => new AdminGetPolicyFunction().Handle,
        [Http(nameof(AdminPutPolicyFunction))] = () => new AdminPutPolicyFunction().Handle,
        [Http(nameof(AdminAuditQueryFunction))] = () => new AdminAuditQueryFunction().Handle,
        [Http(nameof(AdminResetTotpFunction))] = () => new AdminResetTotpFunction().Handle,
        [Trigger(nameof(DefineAuthChallengeFunction))] = () => new DefineAuthChallengeFunction().Handle,
        [Trigger(nameof(CreateAuthChallengeFunction))] = () => new CreateAuthChallengeFunction().Handle,
        [Trigger(nameof(VerifyAuthChallengeFunction))] = () => new VerifyAuthChallengeFunction().Handle,
        [Trigger(nameof(PreTokenGenerationFunction))] = () => new PreTokenGenerationFunction().Handle,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The function's factory for a Handler string; <see cref="UnknownHandlerException"/> lists what exists.</summary>
    public static Func<StreamFunction> Resolve(string? handler)
    {
        if (string.IsNullOrEmpty(handler))
            throw new UnknownHandlerException($"{HandlerVariable} is not set; it names the function to run (the template's Handler).");
        return Functions.TryGetValue(handler, out var factory) ? factory
            : throw new UnknownHandlerException($"{HandlerVariable} '{handler}' is not a function of this bootstrap. Known: {string.Join(", ", Functions.Keys.Order(StringComparer.Ordinal))}.");
    }

    private static string Http(string type) => $"Enrollment.Functions::Enrollment.Functions.Http.{type}::Handle";

    private static string Trigger(string type) => $"Enrollment.Functions::Enrollment.Functions.Triggers.{type}::Handle";
}
