using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// The one material or document of a case that a page links to. The caller has already asked
// whether the case may be seen (StaffCases.VisibleAsync, MyCases.CaseAsync) and passes what it
// found, or null; this reads only the one row it serves.
public sealed class CaseFiles(HallDbContext db)
{
    public async Task<CaseFile?> MaterialAsync(Case? found, Guid id, CancellationToken cancellationToken) =>
        found is null ? null : await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.CaseId == found.Id, cancellationToken);

    public async Task<CaseDocument?> DocumentAsync(Case? found, Guid id, CancellationToken cancellationToken) =>
        found is null ? null : await db.CaseDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CaseId == found.Id, cancellationToken);
}
