using System.Diagnostics;
using Enrollment.Core.Errors;
using Enrollment.Core.UserPool;
using Enrollment.Infrastructure.Cognito;
using Enrollment.Infrastructure.Tests.Fakes;
using Enrollment.Testing;

namespace Enrollment.Infrastructure.Tests.Cognito;

/// <summary>A Cognito endpoint on a closed loopback port: a real refused connection, answered fast.</summary>
public sealed class CognitoUnreachableTests
{
    private CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Closed_port_is_an_upstream_error_within_moments()
    {
        var endpoint = new Uri($"http://127.0.0.1:{MotoServer.FreePort()}/");
        var counter = new CountingHandler(new SocketsHttpHandler());
        var client = new CognitoIdentityProviderClient(new HttpClient(counter), TestClients.Options(endpoint, attemptTimeout: TimeSpan.FromSeconds(2)), TestClients.Signer());
        var adapter = new CognitoUserPoolTotp(client);
        var clock = Stopwatch.StartNew();

        var getUser = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.GetUserAsync("t", Token));
        var verify = await Assert.ThrowsAsync<EnrollmentException>(() => adapter.VerifyAsync(TotpCredential.AccessToken("t"), "123456", null, Token));

        clock.Stop();
        Assert.Equal(ErrorCode.UpstreamError, getUser.Code);
        Assert.Equal(ErrorCode.UpstreamError, verify.Code);
        // Refused connections never carried the request, so even Verify was retried; both stop at 3 attempts.
        Assert.Equal(6, counter.Calls);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _calls;
        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
