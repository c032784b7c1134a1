namespace Enrollment.Infrastructure.Cognito;

/// <summary>
/// How an endpoint says that it does not know an operation, as opposed to failing it. AWS answers 400 with
/// UnknownOperationException (header <c>UnknownOperationException:http://internal.amazon.com/coral/...</c>);
/// LocalStack-style emulators 501; moto 5.2.1 raises NotImplementedError, which its server turns into an
/// HTML 500 page with no error type at all (measured: <c>X-Amz-Target:
/// AWSCognitoIdentityProviderService.AdminDeleteSoftwareToken</c> gives <c>500 text/html</c>). Cognito's own 500s
/// always name InternalErrorException, so an untyped 500 did not come from Cognito's dispatcher.
/// </summary>
internal static class UnknownOperation
{
    public static bool Matches(CognitoServiceException failure) =>
        failure.ErrorType is "UnknownOperationException" or "InvalidAction" or "NotImplementedException" or "NotImplemented"
        || failure.StatusCode == 501
        || (failure.StatusCode == 500 && failure.ErrorType == CognitoErrorReader.UnknownError);
}
