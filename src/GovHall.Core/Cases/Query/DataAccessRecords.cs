using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// 数据使用记录: every time staff opened one of the person's masked fields, newest first, with
// the case it was on. Beyond the comparable halls (Estonia's data tracker does this).
public sealed class DataAccessRecords(HallDbContext db)
{
    public sealed record Row(DateTime At, string ItemName, string TrackingCode, string FieldLabel, string Department, string Role, string Why);

    public async Task<IReadOnlyList<Row>> OfAsync(Guid accountId, int limit, CancellationToken cancellationToken)
    {
        var rows = await db.PersonalDataReveals.AsNoTracking().Where(r => r.AccountId == accountId)
            .Join(db.Cases.AsNoTracking(), r => r.CaseId, c => c.Id, (r, c) => new { Reveal = r, c.ItemName, c.TrackingCode })
            .OrderByDescending(x => x.Reveal.At).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(x => new Row(x.Reveal.At, x.ItemName, TrackingCode.Display(x.TrackingCode), x.Reveal.FieldLabel,
            x.Reveal.Department ?? "—", x.Reveal.Role, x.Reveal.WhyText)).ToList();
    }
}
