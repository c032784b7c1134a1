namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// How an endpoint says that it cannot run an operation at all, as opposed to failing it:
/// <list type="bullet">
/// <item><c>OperationNotEnabledException</c>: AWS's documented answer of AdminDeleteSoftwareToken where the operation
/// is not available (the region, or a replica of a multi-region pool; API reference, Errors).</item>
/// <item><c>UnknownOperationException</c>: AWS's protocol answer for a target the service does not know (400); 501 /
/// NotImplemented from emulators that say so.</item>
/// <item>moto 5.2.1, which has no AdminDeleteSoftwareToken: its server raises NotImplementedError and Werkzeug answers
/// <c>500 text/html</c>, the generic "Internal Server Error" page, with no error type and no request id (measured).
/// That answer is indistinguishable from a transient HTML 500 of a proxy, which AWS clients retry; so it counts only
/// against an endpoint outside the AWS partitions (an emulator), never against AWS.</item>
/// </list>
/// </summary>
internal static class UnknownOperation
{
    public static bool IsOperationNotEnabled(CognitoServiceException failure) => failure.ErrorType == "OperationNotEnabledException";

    /// <param name="failure">The failed call's answer.</param>
    /// <param name="endpointIsAws">The endpoint is under an AWS partition's domain (see <see cref="CognitoClientOptions.EndpointIsAws"/>).</param>
    public static bool Matches(CognitoServiceException failure, bool endpointIsAws) =>
        IsOperationNotEnabled(failure)
        || failure.ErrorType is "UnknownOperationException" or "InvalidAction" or "NotImplementedException" or "NotImplemented"
        || failure.StatusCode == 501
        || (!endpointIsAws && IsEmulatorMissingOperation(failure));

    private static bool IsEmulatorMissingOperation(CognitoServiceException failure) =>
        failure is { StatusCode: 500, IsUntyped: true, RequestId: null }
        && string.Equals(failure.MediaType, "text/html", StringComparison.OrdinalIgnoreCase);
}
