using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GovHall.Core.Notifications;

// Delivers queued notifications. Each due row is claimed with a lease by one conditional
// UPDATE (the same on SQLite and PostgreSQL): of two dispatchers on two nodes only one gets
// the row, and a node that dies mid-send loses its claim when the lease ends. A failure is
// retried with growing waits; after the last try the notification is dead (the dead-letter
// list administrators see) until someone resends it. Every try is recorded.
public sealed partial class NotificationDispatcher(
    HallDbContext db, IEnumerable<INotificationChannel> channels, NotificationSettings settings, TimeProvider clock, ILogger<NotificationDispatcher> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    public static TimeSpan Wait(int attempts) => Backoff[Math.Clamp(attempts - 1, 0, Backoff.Length - 1)];

    // Sends what is due now; answers how many it sent.
    public async Task<int> DispatchOnceAsync(string node, int batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.State == NotificationState.Pending && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.NextAttemptAt).Select(n => n.Id).Take(batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            var until = now + Lease;
            var claimed = await db.Notifications
                .Where(n => n.Id == id && n.State == NotificationState.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.ClaimedBy, node).SetProperty(n => n.ClaimedUntil, until), cancellationToken);
            if (claimed == 1)
            {
                sent += await DeliverAsync(id, node, cancellationToken) ? 1 : 0;
            }
        }

        return sent;
    }

    private async Task<bool> DeliverAsync(Guid id, string node, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (notification.Channel == NotificationChannel.Sms && !notification.Urgent && QuietUntil(now) is { } morning)
        {
            await db.Notifications.Where(n => n.Id == id && n.ClaimedBy == node).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.NextAttemptAt, morning).SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), cancellationToken);
            return false;
        }

        var channel = channels.FirstOrDefault(c => c.Channel == notification.Channel);
        var result = channel is null ? SendResult.Fail($"no {notification.Channel} channel") : await channel.SendAsync(notification, cancellationToken);
        var attempts = notification.Attempts + 1;
        now = clock.GetUtcNow().UtcDateTime;
        db.NotificationAttempts.Add(new NotificationAttempt
        {
            NotificationId = id, At = now, Outcome = result.Sent ? "sent" : attempts >= settings.MaxAttempts ? "dead" : "failed", Detail = result.Error,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (result.Sent)
        {
            // A receipt may already have moved it on (Delivered); then only the claim goes.
            await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.Pending).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.State, NotificationState.Sent).SetProperty(n => n.SentAt, now)
                .SetProperty(n => n.ProviderMessageId, result.ProviderMessageId), cancellationToken);
            await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Attempts, attempts).SetProperty(n => n.LastError, (string?)null)
                .SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), cancellationToken);
            return true;
        }

        var dead = attempts >= settings.MaxAttempts;
        await db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Attempts, attempts).SetProperty(n => n.LastError, result.Error)
            .SetProperty(n => n.State, dead ? NotificationState.Dead : NotificationState.Pending)
            .SetProperty(n => n.NextAttemptAt, now + Wait(attempts))
            .SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), cancellationToken);
        if (dead)
        {
            LogDead(logger, id, notification.Channel, notification.Kind, attempts, result.Error);
        }

        return false;
    }

    // The end of SMS quiet hours (China time) if now is inside them.
    public DateTime? QuietUntil(DateTime utcNow)
    {
        var china = ChinaDate.ToChinaTime(utcNow);
        var (from, to) = (settings.QuietFromHour, settings.QuietToHour);
        var quiet = from > to ? china.Hour >= from || china.Hour < to : china.Hour >= from && china.Hour < to;
        if (!quiet)
        {
            return null;
        }

        var morning = china.Date.AddHours(to);
        if (morning <= china)
        {
            morning = morning.AddDays(1);
        }

        return utcNow + (morning - china);
    }

    // An administrator sends a dead (or gateway-failed) notification again after fixing the cause.
    public async Task<bool> ResendAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Notifications.Where(n => n.Id == id && (n.State == NotificationState.Dead || n.State == NotificationState.Failed)).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.State, NotificationState.Pending).SetProperty(n => n.Attempts, 0)
            .SetProperty(n => n.NextAttemptAt, clock.GetUtcNow().UtcDateTime), cancellationToken) == 1;

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Id} is dead after {Attempts} attempts on {Channel} ({Kind}): {Error}")]
    private static partial void LogDead(ILogger logger, Guid id, NotificationChannel channel, NotificationKind kind, int attempts, string? error);
}

public enum ReceiptOutcome { Applied, Ignored, Unknown }

// Delivery receipts from the SMS gateway. They may come twice or out of order: a state never
// goes backwards (Delivered is final; a late "failed" after it changes nothing).
public sealed class SmsReceipts(HallDbContext db, TimeProvider clock)
{
    public sealed record Receipt(string? MessageId, string? Status);

    public async Task<ReceiptOutcome> ApplyAsync(Receipt receipt, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(receipt.MessageId, "N", out var id) || receipt.Status is not ("delivered" or "failed"))
        {
            return ReceiptOutcome.Unknown;
        }

        var found = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.Channel == NotificationChannel.Sms, cancellationToken);
        if (found is null)
        {
            return ReceiptOutcome.Unknown;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var target = receipt.Status == "delivered" ? NotificationState.Delivered : NotificationState.Failed;
        var forward = target == NotificationState.Delivered
            ? found.State is NotificationState.Pending or NotificationState.Sent or NotificationState.Failed
            : found.State is NotificationState.Sent;
        db.NotificationAttempts.Add(new NotificationAttempt { NotificationId = id, At = now, Outcome = "receipt:" + receipt.Status, Detail = forward ? null : "ignored" });
        if (forward)
        {
            found.State = target;
            found.DeliveredAt = target == NotificationState.Delivered ? now : found.DeliveredAt;
        }

        await db.SaveChangesAsync(cancellationToken);
        return forward ? ReceiptOutcome.Applied : ReceiptOutcome.Ignored;
    }
}
