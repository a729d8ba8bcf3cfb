using PdfSharp.Drawing;

namespace GovHall.Core.Documents;

// The holder's photo on a certificate: at the right of the lines that follow, 3:4 as an ID
// photo, framed, with a caption. An image that cannot be read (the upload only had to look like
// a JPEG or PNG) leaves the frame with a note, so the certificate is still issued.
public sealed partial class HallPdf
{
    public void PhotoRight(byte[] image, string caption)
    {
        const double width = 90;
        const double height = 120;
        var x = Margin + Width - width;
        // Below a top-right QR code and its caption, level with the first line otherwise.
        var top = Math.Max(y - 12, Margin + 150);
        XImage? picture = null;
        try
        {
            picture = XImage.FromStream(new MemoryStream(image));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or IOException)
        {
        }

        if (picture is not null)
        {
            using (picture)
            {
                graphics.DrawImage(picture, x, top, width, height);
            }
        }
        else
        {
            Draw("照片无法显示", x + ((width - Measure("照片无法显示", 9)) / 2), top + (height / 2), 9, XBrushes.DimGray);
        }

        graphics.DrawRectangle(XPens.Gray, x, top, width, height);
        Draw(caption, x + ((width - Measure(caption, 8)) / 2), top + height + 12, 8, XBrushes.DimGray);
    }
}
