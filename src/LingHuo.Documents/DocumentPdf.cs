using LingHuo.Domain.Calendar;
using LingHuo.Domain.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace LingHuo.Documents;

/// <summary>
/// A document as one A4 page (more when the list is long): title, number, holder, text, the numbered list, the legal
/// basis, then the issuing office and date with a QR code that points to verification.
/// </summary>
public static class DocumentPdf
{
    private const double Margin = 64;
    private const double LineGap = 1.55;

    public static byte[] Render(PrintedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        CjkFont.Install();
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"{document.Title} {document.Number}";

        // The number again in plain ASCII, where verification finds it in a damaged or altered copy.
        pdf.Info.Subject = document.Number;
        pdf.Info.Creator = "LingHuo.Orleans";
        var page = new Page(pdf);

        page.Centered(document.Title, new XFont(CjkFont.Family, 20, XFontStyleEx.Bold), 36);
        page.Right($"文书编号：{document.Number}", Font(10.5));
        page.Space(10);
        page.Paragraph($"申请人：{document.HolderName}　　证件号码：{document.HolderMasked}", Font(11));
        page.Paragraph($"申请编号：{document.Application}", Font(11));
        page.Space(8);
        foreach (var paragraph in document.Body)
        {
            page.Paragraph("　　" + paragraph, Font(12));
        }

        for (var i = 0; i < document.Items.Length; i++)
        {
            page.Paragraph($"　　{i + 1}. {document.Items[i]}", Font(12));
        }

        if (document.LegalBasis is { Length: > 0 } basis)
        {
            page.Space(6);
            page.Paragraph("　　依据：" + basis, Font(11));
        }

        page.Signature(document, Qr(document.VerificationUrl));
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static XFont Font(double size) => new(CjkFont.Family, size, XFontStyleEx.Regular);

    /// <summary>The QR code's modules (true = dark), quiet zone included.</summary>
    private static List<System.Collections.BitArray> Qr(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix;
    }

    /// <summary>Where the next line goes, starting a new page when this one is full.</summary>
    private sealed class Page
    {
        private readonly PdfDocument _pdf;
        private XGraphics _graphics;
        private PdfPage _page;
        private double _y = Margin;

        public Page(PdfDocument pdf)
        {
            _pdf = pdf;
            (_page, _graphics) = NewPage();
        }

        private double Width => _page.Width.Point - (2 * Margin);

        public void Space(double points) => _y += points;

        public void Centered(string text, XFont font, double after)
        {
            var size = _graphics.MeasureString(text, font);
            _graphics.DrawString(text, font, XBrushes.Black, new XPoint(Margin + ((Width - size.Width) / 2), _y + size.Height));
            _y += size.Height + after;
        }

        public void Right(string text, XFont font)
        {
            var size = _graphics.MeasureString(text, font);
            _graphics.DrawString(text, font, XBrushes.Black, new XPoint(Margin + Width - size.Width, _y + size.Height));
            _y += size.Height * LineGap;
        }

        /// <summary>Wraps by character: Chinese has no spaces to break at.</summary>
        public void Paragraph(string text, XFont font)
        {
            var height = _graphics.MeasureString("国", font).Height;
            foreach (var line in Lines(text, font))
            {
                if (_y + (height * LineGap) > _page.Height.Point - Margin - 120)
                {
                    _graphics.Dispose();
                    (_page, _graphics) = NewPage();
                    _y = Margin;
                }

                _graphics.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y + height));
                _y += height * LineGap;
            }
        }

        public void Signature(PrintedDocument document, List<System.Collections.BitArray> qr)
        {
            var bottom = _page.Height.Point - Margin;
            var font = new XFont(CjkFont.Family, 12, XFontStyleEx.Regular);
            var office = document.Office;
            var date = BeijingTime.Written(document.IssuedOn);
            var officeWidth = _graphics.MeasureString(office, font).Width;
            var dateWidth = _graphics.MeasureString(date, font).Width;
            _graphics.DrawString(office, font, XBrushes.Black, new XPoint(Margin + Width - officeWidth, bottom - 60));
            _graphics.DrawString(date, font, XBrushes.Black, new XPoint(Margin + Width - dateWidth, bottom - 40));

            // Drawn as vector squares: sharp at any zoom or print resolution, and a few hundred bytes.
            var module = 96.0 / qr.Count;
            for (var row = 0; row < qr.Count; row++)
            {
                for (var column = 0; column < qr[row].Count; column++)
                {
                    if (qr[row][column])
                    {
                        _graphics.DrawRectangle(XBrushes.Black, Margin + (column * module), bottom - 96 + (row * module), module, module);
                    }
                }
            }

            var small = new XFont(CjkFont.Family, 8, XFontStyleEx.Regular);
            _graphics.DrawString("扫码或访问以下地址核验本文书真伪：", small, XBrushes.Black, new XPoint(Margin + 104, bottom - 84));
            _graphics.DrawString(document.VerificationUrl, small, XBrushes.Black, new XPoint(Margin + 104, bottom - 72));
            _graphics.Dispose();
        }

        private (PdfPage Page, XGraphics Graphics) NewPage()
        {
            var page = _pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            return (page, XGraphics.FromPdfPage(page));
        }

        private IEnumerable<string> Lines(string text, XFont font)
        {
            var line = new System.Text.StringBuilder();
            foreach (var c in text)
            {
                line.Append(c);
                if (_graphics.MeasureString(line.ToString(), font).Width > Width)
                {
                    line.Length--;
                    yield return line.ToString();
                    line.Clear().Append(c);
                }
            }

            if (line.Length > 0)
            {
                yield return line.ToString();
            }
        }
    }
}
