using QRCoder;

namespace Enrollment.Functions.Http;

/// <summary>An SVG QR code of the Key URI, for apps that show it to be scanned on another device.</summary>
public static class QrCodeSvg
{
    public static string Render(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
