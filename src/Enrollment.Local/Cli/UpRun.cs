using System.Diagnostics;
using System.Globalization;
using Enrollment.Local.Api;
using Enrollment.Local.Emulator;
using Enrollment.Local.Stack;

namespace Enrollment.Local.Cli;

/// <summary>
/// What a running `up` has started, so that every way out (stop, failure, interrupt) ends it: the API, the stack
/// file (only once written), and the emulator, killed by its PID. Disposing prints the emulator's last line.
/// </summary>
internal sealed class UpRun(TextWriter stdout) : IAsyncDisposable
{
    public MotoServerProcess? Moto { get; set; }

    public LocalApi? Api { get; set; }

    /// <summary>Set once the stack file is written: from then on it is ours to remove.</summary>
    public string? StackFilePath { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync().ConfigureAwait(false);
        if (StackFilePath is not null) RemoveStackFile(StackFilePath);
        if (Moto is not null)
        {
            var clock = Stopwatch.StartNew();
            await Moto.DisposeAsync().ConfigureAwait(false);
            await stdout.WriteLineAsync($"emulator stopped (moto_server pid {Moto.ProcessId}) in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
                + (StackFilePath is null ? "" : $"; {StackFilePath} removed")).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the stack file if it is still ours (another `up` may have written the same path since).</summary>
    private static void RemoveStackFile(string path)
    {
        try
        {
            if (File.Exists(path) && StackFile.Read(path).ProcessId == Environment.ProcessId) File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
        {
            // A stack file we cannot read or delete is not worth failing the shutdown for.
        }
    }
}
