using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Catalog;

// Counts guide views for "most used items". Views are added up in memory and written in one
// statement per item every few seconds, so a busy guide page does not cost a database write
// per request; the additive update keeps several nodes correct.
public sealed class ViewCounter
{
    private ConcurrentDictionary<string, long> pending = new(StringComparer.Ordinal);

    public void Count(string code) => pending.AddOrUpdate(code, 1, (_, n) => n + 1);

    public async Task FlushAsync(HallDbContext db, CancellationToken cancellationToken)
    {
        var taken = Interlocked.Exchange(ref pending, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));
        foreach (var (code, views) in taken)
        {
            await db.ServiceItems.Where(i => i.Code == code)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ViewCount, i => i.ViewCount + views), cancellationToken);
        }
    }
}
