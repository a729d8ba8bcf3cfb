using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

public sealed record HeldCertificate(string Number, string Title, string PdfSha256, long Length);

// 两个免于提交: a material the hall itself certifies (`issuedCertificate`) is not asked of an
// applicant who holds a valid such certificate; the certificate's PDF from the hall's own
// records stands for it. The same for a person's draft and for a partner's submission.
public static class HeldCertificates
{
    // Valid certificates the hall issued to the person (applying for themselves) or to the
    // organisation applied for, newest first.
    public static async Task<IReadOnlyList<HeldCertificate>> OfAsync(
        HallDbContext db, Guid? accountId, Guid? organizationId, DateOnly today, CancellationToken cancellationToken)
    {
        if (accountId is null && organizationId is null)
        {
            return [];
        }

        var held = await db.Certificates.AsNoTracking()
            .Where(c => c.RevokedAt == null && (c.ValidUntil == null || c.ValidUntil >= today) && c.PdfSha256 != null
                && (organizationId == null ? c.AccountId == accountId && c.OrganizationId == null : c.OrganizationId == organizationId))
            .Join(db.StoredFiles, c => c.PdfSha256, f => f.Sha256, (c, f) => new { c.Number, c.Title, c.PdfSha256, f.Length, c.IssuedOn })
            .ToListAsync(cancellationToken);
        return held.OrderByDescending(c => c.IssuedOn).Select(c => new HeldCertificate(c.Number, c.Title, c.PdfSha256!, c.Length)).ToList();
    }

    // The held certificate that stands for a material, if any; only when no file of the
    // applicant's own was given for it.
    public static HeldCertificate? For(RequiredMaterial material, IReadOnlyList<HeldCertificate> held, bool filesGiven) =>
        material.IssuedCertificate is { } name && !filesGiven
            ? held.FirstOrDefault(c => c.Title.StartsWith(name, StringComparison.Ordinal))
            : null;

    public static SubmittedFile AsFile(RequiredMaterial material, HeldCertificate held) =>
        new(material.Name, $"{held.Title}（电子证照 {TrackingCode.Display(held.Number)}）.pdf", held.PdfSha256, "application/pdf", held.Length, held.Number);
}
