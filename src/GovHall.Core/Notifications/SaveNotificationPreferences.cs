using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Notifications;

public sealed record ChannelChoice(NotificationKind Kind, bool Email, bool Sms);

// 提醒设置: a person's choice of channels besides the inbox, one row per kind, replaced as a whole.
public sealed class SaveNotificationPreferences(HallDbContext db)
{
    public Task<Dictionary<NotificationKind, NotificationPreference>> ChosenAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.NotificationPreferences.AsNoTracking().Where(p => p.AccountId == accountId).ToDictionaryAsync(p => p.Kind, cancellationToken);

    public async Task RunAsync(Guid accountId, IReadOnlyList<ChannelChoice> choices, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.NotificationPreferences.Where(p => p.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        foreach (var choice in choices)
        {
            db.NotificationPreferences.Add(new NotificationPreference { AccountId = accountId, Kind = choice.Kind, Email = choice.Email, Sms = choice.Sms });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same form posted twice at once: the other post has saved the same choices.
        }
    }
}
