using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace GovHall.Tests.Infrastructure;

// Reads a generated PDF as a person would: its text, and its QR code scanned from the
// embedded image (PdfPig gives the decoded pixels, ZXing reads the code).
public static class PdfReading
{
    // ZXing's finder-pattern search misses about 3 % of large codes (version 15 and up, as a
    // signed certificate link needs), even codes ZXing itself generated: measured on 1,000
    // random certificate links, 27 from QRCoder and 34 from ZXing's own encoder were not found,
    // and all of them decoded correctly as pure barcodes. The embedded image is the code and its
    // quiet zone alone, so when the search misses, it is read as exactly that.
    private static readonly Dictionary<DecodeHintType, object> PureBarcode = new() { [DecodeHintType.PURE_BARCODE] = true };

    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }

    // The printed lines, top to bottom: letters grouped by their baseline, left to right; only
    // the letters `which` takes, when given.
    public static IReadOnlyList<string> Lines(byte[] pdf, Func<Letter, bool>? which = null)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages()
            .SelectMany(p => p.Letters.Where(which ?? (_ => true)).GroupBy(l => Math.Round(l.StartBaseLine.Y, 0))
                .OrderByDescending(g => g.Key)
                .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)).Trim()))
            .Where(l => l.Length > 0)
            .ToList();
    }

    // The letters printed in red, as a seal prints its name, in the order drawn; with how many
    // of them are turned (round a seal, all but the one at the top).
    public static (string Text, int Turned) RedText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var red = document.GetPages().SelectMany(p => p.Letters).Where(IsRed).ToList();
        return (string.Concat(red.Select(l => l.Value)), red.Count(l => l.TextOrientation == TextOrientation.Other));
    }

    private static bool IsRed(Letter letter) => letter.Color.ToRGBValues() is var (r, g, b) && r > 0.6 && g < 0.3 && b < 0.3;

    // The black letters printed horizontally, as lines (Lines without a seal's letters).
    public static IReadOnlyList<string> StraightLines(byte[] pdf) =>
        Lines(pdf, l => l.TextOrientation == TextOrientation.Horizontal && !IsRed(l));

    public static int ImageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Sum(p => p.GetImages().Count());
    }

    public static string? ScanQrCode(byte[] pdf) => ScanQrCodes(pdf) is [var first, ..] ? first : null;

    // Every QR code in the document, in the order its images come.
    public static IReadOnlyList<string> ScanQrCodes(byte[] pdf)
    {
        var found = new List<string>();
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
            var reader = new QRCodeReader();
            var result = reader.decode(new BinaryBitmap(new HybridBinarizer(source)))
                ?? reader.decode(new BinaryBitmap(new HybridBinarizer(source)), PureBarcode);
            if (result is not null)
            {
                found.Add(result.Text);
            }
        }

        return found;
    }
}
