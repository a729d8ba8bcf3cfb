using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace GovHall.Tests.Infrastructure;

// Reads a generated PDF as a person would: its text, and its QR code scanned from the
// embedded image (PdfPig gives the decoded pixels, ZXing reads the code).
public static class PdfReading
{
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    public static string? ScanQrCode(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        foreach (var image in document.GetPages().SelectMany(p => p.GetImages()))
        {
            if (!image.TryGetBytesAsMemory(out var memory))
            {
                memory = image.RawMemory;
            }

            var pixels = memory.ToArray();
            var width = image.WidthInSamples;
            var height = image.HeightInSamples;
            var format = pixels.Length >= width * height * 3 ? RGBLuminanceSource.BitmapFormat.RGB24 : RGBLuminanceSource.BitmapFormat.Gray8;
            var source = new RGBLuminanceSource(pixels, width, height, format);
            var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
            if (result is not null)
            {
                return result.Text;
            }
        }

        return null;
    }
}
