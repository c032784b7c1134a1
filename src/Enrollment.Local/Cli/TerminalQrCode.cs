using QRCoder;

namespace Enrollment.Local.Cli;

/// <summary>
/// A QR code drawn with half-block characters (two modules a character, so it stays square in a terminal), with the
/// quiet zone authenticator apps need. Dark modules are drawn as spaces on a light block background,
/// which phones read on the usual dark terminal themes (QRCoder: invert false draws light modules lit).
/// </summary>
public static class TerminalQrCode
{
    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var code = new AsciiQRCode(data);
        return code.GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: "\n");
    }
}
