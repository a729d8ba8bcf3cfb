using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace GovHall.Core.Documents;

// A small writer for the hall's A4 documents (receipts, notices, certificates): headings,
// label/value lines and paragraphs that wrap, and a QR code. Fonts are embedded from this
// assembly (Documents/Fonts/README.md), so documents look the same on every server.
public sealed partial class HallPdf : IDisposable
{
    private const double Margin = 56;
    private readonly PdfDocument document = new();
    private PdfPage page = null!;
    private XGraphics graphics = null!;
    private double y;

    private static string? cjkFontFile;

    // Called once at start-up, before any document is made; the file must exist.
    public static void UseCjkFontFile(string path) => cjkFontFile = path;

    static HallPdf()
    {
        GlobalFontSettings.FontResolver ??= new EmbeddedFonts();
    }

    public HallPdf(string title)
    {
        document.Info.Title = title;
        document.Info.Creator = "GovHall";
        NewPage();
    }

    private double Width => page.Width.Point - (2 * Margin);

    public void Title(string text)
    {
        var width = Measure(text, 20);
        Draw(text, Margin + ((Width - width) / 2), y, 20);
        y += 40;
    }

    public void Centered(string text, double size = 11)
    {
        Draw(text, Margin + ((Width - Measure(text, size)) / 2), y, size);
        y += size * 1.8;
    }

    public void Heading(string text)
    {
        Space(24);
        Draw(text, Margin, y, 13);
        y += 8;
        graphics.DrawLine(XPens.Gray, Margin, y, Margin + Width, y);
        y += 16;
    }

    // A label in a fixed column and its value wrapped beside it; a long label wraps in its column.
    public void Field(string label, string value)
    {
        const double labelWidth = 110;
        var labels = Wrap(label, labelWidth - 10, 11);
        var values = Wrap(value, Width - labelWidth, 11);
        var rows = Math.Max(labels.Count, values.Count);
        Space(rows * 17);
        for (var row = 0; row < rows; row++)
        {
            if (row < labels.Count)
            {
                Draw(labels[row], Margin, y, 11, XBrushes.DimGray);
            }

            if (row < values.Count)
            {
                Draw(values[row], Margin + labelWidth, y, 11);
            }

            y += 17;
        }

        y += 2;
    }

    public void Paragraph(string text, double size = 10.5)
    {
        foreach (var line in Wrap(text, Width, size))
        {
            Space(size * 1.7);
            Draw(line, Margin, y, size);
            y += size * 1.7;
        }

        y += 4;
    }

    // The QR code in the top right corner of the current page, with a caption under it.
    public void QrTopRight(string payload, string caption, double size = 96) =>
        Qr(payload, caption, page.Width.Point - Margin - size, Margin - 20, size);

    private void Qr(string payload, string caption, double x, double top, double size)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        // PDFsharp reads 24-bit BMP everywhere (its PNG reader refuses QRCoder's palette PNG).
        var bitmap = new BitmapByteQRCode(data).GetGraphic(8);
        using var stream = new MemoryStream(bitmap);
        using var image = XImage.FromStream(stream);
        graphics.DrawImage(image, x, top, size, size);
        Draw(caption, x + ((size - Measure(caption, 8)) / 2), top + size + 10, 8, XBrushes.DimGray);
    }

    public void Move(double points) => y += points;

    public byte[] Save()
    {
        graphics.Dispose();
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        graphics.Dispose();
        document.Dispose();
    }

    private void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin + 10;
    }

    private void Space(double needed)
    {
        if (y + needed > page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    // Text is drawn in runs: CJK in the CJK font, the rest in the Latin font.
    private void Draw(string text, double x, double baseline, double size, XBrush? brush = null)
    {
        foreach (var (run, cjk) in Runs(text))
        {
            var font = Font(cjk, size);
            graphics.DrawString(run, font, brush ?? XBrushes.Black, x, baseline, XStringFormats.BaseLineLeft);
            x += graphics.MeasureString(run, font).Width;
        }
    }

    private double Measure(string text, double size) =>
        Runs(text).Sum(r => graphics.MeasureString(r.Text, Font(r.Cjk, size)).Width);

    private List<string> Wrap(string text, double width, double size) => LineBreaks.Wrap(text, width, line => Measure(line, size));

    private static XFont Font(bool cjk, double size) => new(cjk ? EmbeddedFonts.Cjk : EmbeddedFonts.Latin, size);

    private static IEnumerable<(string Text, bool Cjk)> Runs(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || IsCjk(text[i]) != IsCjk(text[start]))
            {
                yield return (text[start..i], IsCjk(text[start]));
                start = i;
            }
        }
    }

    private static bool IsCjk(char c) => c >= '\u2E80';

    private sealed class EmbeddedFonts : IFontResolver
    {
        public const string Cjk = "HallCjk";
        public const string Latin = "HallLatin";

        // The embedded font covers GB 2312 (scripts/subset-cjk-font.py); a fuller TrueType font
        // can be named with GovHall:Documents:CjkFontFile.
        private static readonly Lazy<byte[]> CjkBytes = new(() => cjkFontFile is { } file ? File.ReadAllBytes(file) : Read("DroidSansFallback-GB2312.ttf"));
        private static readonly Lazy<byte[]> LatinBytes = new(() => Read("DejaVuSans.ttf"));

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(familyName == Cjk ? Cjk : Latin);

        public byte[] GetFont(string faceName) => faceName == Cjk ? CjkBytes.Value : LatinBytes.Value;

        private static byte[] Read(string file)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("GovHall.Fonts." + file)
                ?? throw new InvalidOperationException($"The font {file} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
