using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Notifications;

// The outbox as administrators see it: how many messages are in each state, and the ones that
// did not arrive (dead letters and gateway failures), to resend after fixing the cause.
public sealed class Outbox(HallDbContext db)
{
    public async Task<IReadOnlyDictionary<NotificationState, int>> CountsAsync(CancellationToken cancellationToken) =>
        (await db.Notifications.GroupBy(n => n.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);

    public Task<int> UndeliveredCountAsync(CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.State == NotificationState.Dead || n.State == NotificationState.Failed, cancellationToken);

    public Task<List<Notification>> UndeliveredAsync(int count, CancellationToken cancellationToken) =>
        db.Notifications.AsNoTracking()
            .Where(n => n.State == NotificationState.Dead || n.State == NotificationState.Failed)
            .OrderByDescending(n => n.CreatedAt).Take(count).ToListAsync(cancellationToken);
}
