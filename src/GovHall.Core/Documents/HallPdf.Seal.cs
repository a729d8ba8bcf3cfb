using PdfSharp.Drawing;

namespace GovHall.Core.Documents;

// The closing of a letter as the bureau signs it (落款): the bureau's name and the date at the
// right under its electronic seal (电子印章), and at the left a QR code that carries the signed
// token of the letter, so anyone can check it as they check a certificate.
public sealed partial class HallPdf
{
    private static readonly XColor SealRed = XColor.FromArgb(215, 204, 20, 40);

    public void SignedClosing(string bureau, string date, string verifyUrl, string caption)
    {
        const double height = 150;
        const double qrSize = 100;
        Space(height);
        var top = y + 6;
        Qr(verifyUrl, caption, Margin, top, qrSize);
        var right = Margin + Width;
        var bureauWidth = Measure(bureau, 12);
        var dateWidth = Measure(date, 12);
        var column = Math.Max(bureauWidth, dateWidth);
        Draw(bureau, right - column + ((column - bureauWidth) / 2), top + 56, 12);
        Draw(date, right - column + ((column - dateWidth) / 2), top + 78, 12);
        Seal(bureau, right - (column / 2), top + 62, 58);
        y = top + height;
    }

    // A round official seal: a red ring, a five-pointed star in the middle and the bureau's name
    // round the top, each character turned to face the centre.
    private void Seal(string name, double cx, double cy, double radius)
    {
        var red = new XSolidBrush(SealRed);
        graphics.DrawEllipse(new XPen(SealRed, 3), cx - radius, cy - radius, 2 * radius, 2 * radius);
        graphics.DrawPolygon(red, Star(cx, cy, radius * 0.28), XFillMode.Winding);
        var letters = name.ToCharArray();
        // Letters up to a quarter of the radius, spaced a third of a letter apart, over at most 250°.
        var size = Math.Min(radius * 0.25, (250.0 / 180 * Math.PI * (radius * 0.78)) / (Math.Max(letters.Length, 1) * 1.3));
        var ring = radius - (size * 0.85);
        var sweep = Math.Min(250.0, letters.Length * size * 1.3 / ring * 180 / Math.PI);
        var font = Font(true, size);
        for (var i = 0; i < letters.Length; i++)
        {
            // Degrees from the top, clockwise; in page coordinates (y down) the top is -90°.
            var angle = -90 - (sweep / 2) + (sweep * (i + 0.5) / letters.Length);
            var radians = angle * Math.PI / 180;
            var at = new XPoint(cx + (ring * Math.Cos(radians)), cy + (ring * Math.Sin(radians)));
            var state = graphics.Save();
            graphics.RotateAtTransform(angle + 90, at);
            graphics.DrawString(letters[i].ToString(), font, red, at, XStringFormats.Center);
            graphics.Restore(state);
        }
    }

    private static XPoint[] Star(double cx, double cy, double outer)
    {
        var points = new XPoint[10];
        for (var i = 0; i < 10; i++)
        {
            var r = i % 2 == 0 ? outer : outer * 0.382;
            var radians = (-90 + (i * 36)) * Math.PI / 180;
            points[i] = new XPoint(cx + (r * Math.Cos(radians)), cy + (r * Math.Sin(radians)));
        }

        return points;
    }
}
