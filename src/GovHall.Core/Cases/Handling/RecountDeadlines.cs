using GovHall.Core.Calendar;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// Counts again the deadlines of the cases counted provisionally (暂定): those whose count rests
// on a year whose official arrangement was not entered when they were counted. EnterCalendarYear
// runs it in the transaction that enters the year, so no open case keeps a guessed deadline past
// that moment; start-up runs it for cases accepted before provisional counting existed, which
// have no deadline at all. The working days suspended are recounted from the case's own
// suspensions (its 中止 and 恢复 events), then the deadlines from them, as Case.Resume and
// Case.Accept count them. A case a member of staff changes meanwhile is read again and counted
// again (its revision is the concurrency token).
public sealed class RecountDeadlines(HallDbContext db, TimeProvider clock)
{
    public const int Batch = 500;

    public async Task<int> RunAsync(WorkingDays calendar, bool unknownOnly, CancellationToken cancellationToken)
    {
        var days = calendar.Provisional;
        var today = ChinaDate.Today(clock);
        var flagged = db.Cases.Where(c => c.DeadlineProvisional);
        var ids = await (unknownOnly ? flagged.Where(c => c.Deadline == null) : flagged).Select(c => c.Id).ToListAsync(cancellationToken);
        var recounted = 0;
        foreach (var chunk in ids.Chunk(Batch))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    recounted += await RecountAsync(chunk, days, today, cancellationToken);
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < 3)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        return recounted;
    }

    private async Task<int> RecountAsync(Guid[] chunk, WorkingDays days, DateOnly today, CancellationToken cancellationToken)
    {
        var cases = await db.Cases.Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken);
        var suspensions = (await db.CaseEvents.AsNoTracking()
                .Where(e => chunk.Contains(e.CaseId) && (e.Action == CaseAction.Suspend || e.Action == CaseAction.Resume))
                .Select(e => new { e.CaseId, e.Sequence, e.Action, e.At })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.CaseId);
        var changed = 0;
        foreach (var found in cases)
        {
            var suspended = 0;
            DateOnly? since = null;
            foreach (var e in suspensions[found.Id].OrderBy(e => e.Sequence))
            {
                if (e.Action == CaseAction.Suspend)
                {
                    since = ChinaDate.Of(e.At);
                }
                else if (since is { } from)
                {
                    suspended += CaseClock.Suspended(days, from, ChinaDate.Of(e.At), LimitUnit.WorkingDays) is { Succeeded: true } counted ? counted.Value : 0;
                    since = null;
                }
            }

            var before = (found.Deadline, found.PromisedDeadline, found.DeadlineProvisional);
            found.Recount(days, suspended, today);
            changed += before == (found.Deadline, found.PromisedDeadline, found.DeadlineProvisional) ? 0 : 1;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return changed;
    }
}
