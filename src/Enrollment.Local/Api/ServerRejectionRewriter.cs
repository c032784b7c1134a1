using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Enrollment.Local.Api;

/// <summary>
/// Requests the HTTP server refuses itself, before any route is read (a <c>%00</c> or a raw non-ASCII byte in the
/// path, more than 100 headers), get Kestrel's bare answer: the status and an empty body. API Gateway answers its own
/// refusals with its default gateway response body, <c>{"message": $context.error.messageString}</c> (the message is
/// the status text: "Bad Request"), so this connection middleware turns exactly those answers into that JSON, with the
/// same status and an <c>apigw-requestid</c>. Kestrel offers no hook for them: they never reach the application.
/// </summary>
public static class ServerRejectionRewriter
{
    /// <summary>For <c>ListenOptions.Use</c>: every connection's output goes through the rewriting stream.</summary>
    public static ConnectionDelegate Use(ConnectionDelegate next) => async connection =>
    {
        var original = connection.Transport;
        await using var output = new RewritingStream(original.Output.AsStream(leaveOpen: true));
        var writer = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        connection.Transport = new Pipe(original.Input, writer);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
            connection.Transport = original;
        }
    };

    /// <summary>
    /// The rewrite, on one write: Kestrel's refusal is a single head of the form <c>HTTP/1.1 4xx Reason</c>,
    /// <c>Content-Length: 0</c>, <c>Connection: close</c>, with no content type. Anything else passes unchanged
    /// (every answer of the gateway and of the functions has a content type or a body).
    /// </summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        if (!written.StartsWith("HTTP/1.1 4"u8) || !written.EndsWith("\r\n\r\n"u8)) return null;
        var head = Encoding.ASCII.GetString(written);
        var lines = head[..^4].Split("\r\n");
        if (!lines.Contains("Content-Length: 0", StringComparer.OrdinalIgnoreCase)
            || !lines.Contains("Connection: close", StringComparer.OrdinalIgnoreCase)
            || lines.Any(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))) return null;

        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status)) return null;
        var reason = statusLine.Length == 3 && statusLine[2].Length > 0 ? statusLine[2] : "Bad Request";
        var body = $$"""{"message":"{{reason}}"}""";

        var rewritten = new StringBuilder();
        rewritten.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n");
        foreach (var line in lines.Skip(1).Where(l => !l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
            rewritten.Append(line).Append("\r\n");
        rewritten.Append("Content-Type: application/json\r\n");
        rewritten.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n");
        rewritten.Append(GatewayResponses.RequestIdHeader).Append(": ")
            .Append(RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 15)).Append("=\r\n\r\n");
        rewritten.Append(body);
        return Encoding.UTF8.GetBytes(rewritten.ToString());
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    private sealed class RewritingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            await inner.WriteAsync(Rewrite(buffer.Span) ?? buffer, cancellationToken).ConfigureAwait(false);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(Rewrite(buffer.AsSpan(offset, count)) ?? buffer.AsSpan(offset, count));

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
