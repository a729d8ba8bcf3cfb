using GovHall.Core;
using GovHall.Core.Cases;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.Shared;

// A notice or certificate of a case, as PDF, for staff (Staff/CaseFileEndpoints) and for the
// applicant (Account/Me/MyCaseFileEndpoints): the caller has already asked whether the case may
// be seen, and this reads only the one row it serves.
internal static class CaseDocumentFile
{
    public static async Task<IResult> ServeAsync(Case? found, Guid id, HallDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        var document = found is null ? null : await db.CaseDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CaseId == found.Id, cancellationToken);
        return document is null || await store.OpenAsync(document.Sha256, cancellationToken) is not { } stream
            ? Results.NotFound()
            : Results.Stream(stream, "application/pdf", document.FileName);
    }
}
