using GovHall.Core.Certificates;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// What the bureau's office does for an action besides changing the case: stores the documents
// and files it issues or receives, issues certificates, and reads the case's own records.
public sealed class CaseOffice(
    HallDbContext db, StoreFile storeFile, IFileStore files, CertificateService certificates, Accounts.PersonalData personal, CasesSettings settings, CaseAnswers answers)
{
    public CasesSettings Settings => settings;

    public CaseAnswers Answers => answers;

    public async Task<StoredFile> StoreDocumentAsync(byte[] pdf, CancellationToken cancellationToken) =>
        (await storeFile.RunAsync(pdf, cancellationToken)).Value!;

    public Task<Result<StoredFile>> StoreFileAsync(byte[] content, CancellationToken cancellationToken) =>
        storeFile.RunAsync(content, cancellationToken);

    // The position after the files the case has.
    public async Task<int> NextFilePositionAsync(Case found, CancellationToken cancellationToken) =>
        (await db.CaseFiles.Where(f => f.CaseId == found.Id).MaxAsync(f => (int?)f.Position, cancellationToken) ?? -1) + 1;

    // A file received with the case, written with the action.
    public void AddFile(Case found, string material, string fileName, StoredFile stored, int position) =>
        db.CaseFiles.Add(new CaseFile
        {
            CaseId = found.Id,
            Material = material,
            FileName = fileName,
            Sha256 = stored.Sha256,
            ContentType = stored.ContentType,
            Length = stored.Length,
            Position = position,
        });

    // The next 文号 of a letter of this kind from the item's bureau, in the action's transaction.
    public Task<string?> NextDocumentNumberAsync(DocumentKind kind, Case found, Catalog.ItemContent content, DateOnly day, CancellationToken cancellationToken) =>
        DocumentNumbers.NextAsync(db, kind, found, content.ImplementingBody, settings, day, cancellationToken);

    // The verification link of a letter, signed as certificates are.
    public string DocumentVerifyUrl(string baseUrl, CertificatePayload payload) => certificates.DocumentVerifyUrl(baseUrl, payload);

    // The reason given when the extension now being approved was asked for.
    public Task<string?> RequestedExtensionReasonAsync(Case found, CancellationToken cancellationToken) =>
        db.CaseEvents.Where(e => e.CaseId == found.Id && e.Action == CaseAction.RequestExtension)
            .OrderByDescending(e => e.Sequence).Select(e => e.Reason).FirstAsync(cancellationToken);

    // The certificate a grant issues (电子证照), signed, with its PDF.
    // Its lines come from the item's certificate fields (the situation, or the case's answers as
    // they now stand), its photo from the applicant's last file for the photo material.
    public async Task<(Certificate Certificate, StoredFile Pdf)> IssueCertificateAsync(
        Case granted, Catalog.ItemContent content, DateOnly? validUntil, string baseUrl, CancellationToken cancellationToken)
    {
        var holderId = granted.ApplicantType == Catalog.ApplicantType.Person && granted.ApplicantIdNumberProtected is { } protectedId
            ? personal.Unprotect(protectedId)
            : null;
        var given = answers.Of(granted);
        var form = content.Form.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var lines = content.Result.Fields
            .Select(f => new CertificateLine(f.Label.Trim(), f.From == Catalog.CertificateField.Situation
                ? granted.Situation
                : CertificateText(form.GetValueOrDefault(f.From), FormAnswers.Text(given, f.From))))
            .Where(l => l.Value.Length > 0)
            .ToList();
        CertificatePhoto? photo = null;
        if (content.Result.PhotoMaterial is { } material
            && await db.CaseFiles.Where(f => f.CaseId == granted.Id && f.Material == material).OrderByDescending(f => f.Position).FirstOrDefaultAsync(cancellationToken) is { } file
            && await files.OpenAsync(file.Sha256, cancellationToken) is { } stream)
        {
            await using (stream)
            {
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken);
                photo = new CertificatePhoto(copy.ToArray(), file.Sha256);
            }
        }

        return await certificates.IssueAsync(granted, content.Result.Name, validUntil, baseUrl, holderId, lines, photo, cancellationToken);
    }

    // An answer as a certificate prints it: a date field's answer as 1998年5月4日, others as given.
    private static string CertificateText(Catalog.FormField? field, string answer) =>
        field?.Kind == Catalog.FieldKind.Date
            && DateOnly.TryParseExact(answer, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? Notifications.Notifier.DateText(date)
            : answer.Trim();
}
