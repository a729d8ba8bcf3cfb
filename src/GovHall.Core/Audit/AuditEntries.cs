using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Audit;

// Reading the audit log: newest first, optionally of one actor and one action (exact match).
public sealed class AuditEntries(HallDbContext db)
{
    public async Task<IReadOnlyList<AuditEntry>> SearchAsync(string? actor, string? action, int limit, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(actor))
        {
            query = query.Where(e => e.Actor == actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(e => e.Action == action.Trim());
        }

        return await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }
}
