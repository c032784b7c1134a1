using System.Diagnostics;
using System.Globalization;

namespace Enrollment.Local.Cli;

/// <summary>
/// Startup progress, one line a step: "creating tables… 3 tables in 0.4 s". The label is written first, so a
/// slow or stuck step shows what it is doing; a failing step ends its line with "failed".
/// </summary>
public sealed class ProgressLog(TextWriter output)
{
    public async Task<T> StepAsync<T>(string label, Func<Task<T>> work, Func<T, string> describe)
    {
        await output.WriteAsync($"{label}… ").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        T result;
        try
        {
            result = await work().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("stopped").ConfigureAwait(false);
            throw;
        }
        catch
        {
            await output.WriteLineAsync("failed").ConfigureAwait(false);
            throw;
        }
        var text = describe(result);
        await output.WriteLineAsync($"{text}{(text.Length == 0 ? "" : " ")}in {Seconds(clock.Elapsed)} s").ConfigureAwait(false);
        return result;
    }

    public Task WriteLineAsync(string line) => output.WriteLineAsync(line);

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
