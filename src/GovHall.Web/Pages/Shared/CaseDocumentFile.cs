using GovHall.Core.Cases;
using GovHall.Core.Storage;

namespace GovHall.Web.Pages.Shared;

// A notice or certificate of a case, as PDF, for staff (Staff/CaseFileEndpoints) and for the
// applicant (Account/Me/MyCaseFileEndpoints): the caller has already asked whether the case may
// be seen, and CaseFiles reads only the one row it serves.
internal static class CaseDocumentFile
{
    public static async Task<IResult> ServeAsync(Case? found, Guid id, CaseFiles files, IFileStore store, CancellationToken cancellationToken)
    {
        var document = await files.DocumentAsync(found, id, cancellationToken);
        return document is null || await store.OpenAsync(document.Sha256, cancellationToken) is not { } stream
            ? Results.NotFound()
            : Results.Stream(stream, "application/pdf", document.FileName);
    }
}
