using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// The cases a partner system submitted, as that partner may see them (its receipts): a code
// that is malformed, unknown or another's is simply not found.
public sealed class PartnerCases(HallDbContext db)
{
    public async Task<Case?> CaseAsync(string clientId, string? codeText, CancellationToken cancellationToken) =>
        TrackingCode.TryParse(codeText, out var code)
            ? await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.TrackingCode == code.Value && c.PartnerClientId == clientId, cancellationToken)
            : null;
}
