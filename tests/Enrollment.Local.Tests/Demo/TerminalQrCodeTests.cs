using Enrollment.Local.Cli;
using QRCoder;
using Xunit;

namespace Enrollment.Local.Tests.Demo;

/// <summary>
/// The terminal QR code is the QR code: read back from its half-block characters, every module (quiet zone included)
/// is where QRCoder placed it, two rows a line, so a phone sees square modules on a dark terminal.
/// </summary>
public sealed class TerminalQrCodeTests
{
    [Fact]
    public void The_half_blocks_draw_exactly_the_modules_of_the_key_uri()
    {
        const string uri = "otpauth://totp/Acme%20Corp:jane?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp&algorithm=SHA1&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // with the 4-module quiet zone
        var size = modules.Count;

        var lines = TerminalQrCode.Render(uri).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal((size + 1) / 2, lines.Length);
        for (var row = 0; row < size; row++)
        {
            var line = lines[row / 2];
            Assert.Equal(size, line.Length);
            for (var column = 0; column < size; column++)
            {
                // Inverted for dark terminals: a dark module is an unlit half.
                var lit = row % 2 == 0 ? line[column] is '█' or '▀' : line[column] is '█' or '▄';
                Assert.True(modules[row][column] == !lit, $"module ({row},{column}): dark {modules[row][column]}, drawn [{line[column]}]");
            }
        }
    }
}
