using System.Text;
using BenchmarkDotNet.Attributes;
using Enrollment.Core.Audit;
using Enrollment.Core.Binding;
using Enrollment.Core.Identity;
using Enrollment.Core.Limits;
using Enrollment.Core.Policy;
using Enrollment.Core.SelfService;
using Enrollment.Core.Totp;
using Enrollment.Functions.Hosting;
using Enrollment.Functions.Http;
using Enrollment.Infrastructure.DynamoDb;
using Enrollment.Testing;

namespace Enrollment.Benchmarks;

/// <summary>
/// What one warm request costs in our own code: event parsing, tenant policy from the in-process cache, the
/// rules, the envelope and the log line, with the network ports replaced by in-memory ones. The network calls
/// (Cognito, DynamoDB) are measured by the load run in docs/performance.md, not here.
/// </summary>
[MemoryDiagnoser]
public class HandlerBenchmarks
{
    private MeAssociateTotpFunction _associate = null!;
    private MeVerifyTotpFunction _verify = null!;
    private byte[] _associateEvent = null!, _associateQrEvent = null!, _deniedEvent = null!, _verifyEvent = null!, _malformedEvent = null!;

    [GlobalSetup]
    public void Setup()
    {
        var policy = new TenantPolicy
        {
            TenantId = "bench", DisplayName = "Bench Corp", AppClientIds = ["bench-client"],
            Enrollment = new EnrollmentRules { MinAppVersion = "2.0.0", AllowedNetworks = ["203.0.113.0/24", "2001:db8::/32"], MaxAssociationsPerHour = 1000, AllowReplace = true },
            Verification = new VerificationRules { MaxFailuresPerHour = 1000 },
        };
        var calls = new CallLog { Recording = false };
        var service = new TotpEnrollmentService(new TenantResolver(new CachedTenantPolicyStore(new FakePolicyStore(calls, policy), TimeProvider.System, TimeSpan.FromMinutes(5))), new FakeUserPool(calls),
            new UnlimitedLimiter(), new AuditTrail(new NullAuditLog(), TimeProvider.System), TimeProvider.System,
            new FakeRecordStore(calls), new FakeRecoveryCodeStore(calls)); // verify also records the device and issues 10 recovery codes
        var runner = new HttpFunctionRunner(new FunctionLog(TextWriter.Null), TimeSpan.FromSeconds(5));
        _associate = new MeAssociateTotpFunction(service, runner);
        _verify = new MeVerifyTotpFunction(service, runner);

        _associateEvent = Event("/v1/me/totp/associate", "203.0.113.10", "", "{}");
        _associateQrEvent = Event("/v1/me/totp/associate", "203.0.113.10", "qr=svg", "{}");
        _deniedEvent = Event("/v1/me/totp/associate", "198.51.100.1", "", "{}");
        _verifyEvent = Event("/v1/me/totp/verify", "203.0.113.10", "", """{"code":"123456","deviceName":"Pixel 9"}""");
        _malformedEvent = Event("/v1/me/totp/verify", "203.0.113.10", "", """{"code": 12""");

        // Measure the paths we mean to measure: each benchmark's answer is checked once.
        Expect(Associate(), 200);
        Expect(AssociateWithQrSvg(), 200);
        Expect(DeniedByNetwork(), 403);
        Expect(Verify(), 200);
        Expect(MalformedBody(), 400);
    }

    private static void Expect(Task<Stream> response, int status)
    {
        var text = new StreamReader(response.GetAwaiter().GetResult()).ReadToEnd();
        if (!text.Contains($"\"statusCode\":{status},", StringComparison.Ordinal))
            throw new InvalidOperationException($"expected {status}: {text}");
    }

    [Benchmark(Baseline = true)]
    public Task<Stream> Associate() => _associate.Handle(new MemoryStream(_associateEvent));

    [Benchmark]
    public Task<Stream> AssociateWithQrSvg() => _associate.Handle(new MemoryStream(_associateQrEvent));

    [Benchmark]
    public Task<Stream> DeniedByNetwork() => _associate.Handle(new MemoryStream(_deniedEvent));

    [Benchmark]
    public Task<Stream> Verify() => _verify.Handle(new MemoryStream(_verifyEvent));

    [Benchmark]
    public Task<Stream> MalformedBody() => _verify.Handle(new MemoryStream(_malformedEvent));

    private static byte[] Event(string path, string sourceIp, string query, string body)
    {
        var escaped = body.Replace("\\", "\\\\").Replace("\"", "\\\"");
        var queryParams = query.Length == 0 ? "" : $",\"queryStringParameters\":{{\"qr\":\"svg\"}}";
        return Encoding.UTF8.GetBytes($$"""
            {"version":"2.0","routeKey":"POST {{path}}","rawPath":"{{path}}","rawQueryString":"{{query}}"{{queryParams}},
             "headers":{"authorization":"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln","content-type":"application/json","user-agent":"Bench/1.0","x-app-version":"2.3.1"},
             "requestContext":{"accountId":"1","apiId":"a","domainName":"d","requestId":"r-1","routeKey":"POST {{path}}","stage":"$default","time":"t","timeEpoch":1,
               "http":{"method":"POST","path":"{{path}}","protocol":"HTTP/1.1","sourceIp":"{{sourceIp}}","userAgent":"Bench/1.0"},
               "authorizer":{"jwt":{"claims":{"sub":"s-1","username":"bench-user","client_id":"bench-client","token_use":"access","tenant_id":"bench","auth_time":"1763720310"},"scopes":null} } },
             "body":"{{escaped}}","isBase64Encoded":false}
            """);
    }

    private sealed class UnlimitedLimiter : IRateLimiter
    {
        public Task<RateLimitDecision> TryAcquireAsync(RateLimitCounter counter, int limit, CancellationToken cancellationToken) => Task.FromResult(new RateLimitDecision(true));
        public Task ReleaseAsync(RateLimitCounter counter, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<int> CountAsync(RateLimitCounter counter, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class NullAuditLog : IAuditLog
    {
        public Task WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
