using System.Text;

namespace Enrollment.Local.Tests.Api;

/// <summary>
/// Collects the gateway's access lines. The gateway writes a line after the response has gone out, so a test
/// waits for the line it expects instead of reading right after the response.
/// </summary>
public sealed class AccessLogWriter : TextWriter
{
    private readonly List<string> _lines = [];
    private readonly List<(string Text, TaskCompletionSource<string> Found)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value)
    {
        if (value is null) return;
        List<TaskCompletionSource<string>> found = [];
        lock (_lines)
        {
            _lines.Add(value);
            found.AddRange(_waiters.Where(w => value.Contains(w.Text, StringComparison.Ordinal)).Select(w => w.Found));
            _waiters.RemoveAll(w => value.Contains(w.Text, StringComparison.Ordinal));
        }
        foreach (var f in found) f.TrySetResult(value);
    }

    public async Task<string> WaitForLineAsync(string text)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            var line = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null) return line;
            _waiters.Add((text, found));
        }
        return await found.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
