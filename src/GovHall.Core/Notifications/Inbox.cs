using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Notifications;

// 站内信: a person's own messages, newest first. Opening one marks it read; nobody opens
// another person's message.
public sealed class Inbox(HallDbContext db, TimeProvider clock)
{
    public Task<List<InboxMessage>> ListAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.InboxMessages.AsNoTracking().Where(m => m.AccountId == accountId)
            .OrderByDescending(m => m.CreatedAt).Take(200).ToListAsync(cancellationToken);

    public async Task<InboxMessage?> OpenAsync(Guid accountId, Guid id, CancellationToken cancellationToken)
    {
        var opened = await db.InboxMessages.SingleOrDefaultAsync(m => m.Id == id && m.AccountId == accountId, cancellationToken);
        if (opened is { ReadAt: null })
        {
            opened.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return opened;
    }
}
