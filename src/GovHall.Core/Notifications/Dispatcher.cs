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
            // Each claim on the time it is made, and only while the row is still due: a list
            // read a while ago must not claim a row another node has just rescheduled.
            var at = clock.GetUtcNow().UtcDateTime;
            var until = at + Lease;
            var claimed = await db.Notifications
                .Where(n => n.Id == id && n.State == NotificationState.Pending && n.NextAttemptAt <= at && (n.ClaimedUntil == null || n.ClaimedUntil < at))
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

        // Channels time out well inside the lease (SMTP 30 s, gateway 20 s). Whatever a channel
        // throws is a failed try, so every message either goes or, in the end, dies and alerts.
        var channel = channels.FirstOrDefault(c => c.Channel == notification.Channel);
        SendResult result;
        try
        {
            result = channel is null ? SendResult.Fail($"no {notification.Channel} channel") : await channel.SendAsync(notification, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            result = SendResult.Fail($"{notification.Channel}: {exception.GetType().Name}");
        }

        // The attempt and the outcome are written in one transaction (one commit, and the
        // attempt is never recorded without its outcome). It starts with a write, so on SQLite
        // it takes the writer's lock at once.
        var attempts = notification.Attempts + 1;
        now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.NotificationAttempts.Add(new NotificationAttempt
        {
            NotificationId = id, At = now, Outcome = result.Sent ? "sent" : attempts >= settings.MaxAttempts ? "dead" : "failed", Detail = result.Error,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (result.Sent)
        {
            // A receipt may already have moved it on (Delivered, Failed); then only the claim goes.
            await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.Pending && n.ClaimedBy == node).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.State, NotificationState.Sent).SetProperty(n => n.SentAt, now)
                .SetProperty(n => n.ProviderMessageId, result.ProviderMessageId), cancellationToken);
            await db.Notifications.Where(n => n.Id == id && n.ClaimedBy == node).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Attempts, attempts).SetProperty(n => n.LastError, (string?)null)
                .SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }

        // Only from Pending and only while the claim is ours: a receipt that came meanwhile wins.
        var dead = attempts >= settings.MaxAttempts;
        var marked = await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.Pending && n.ClaimedBy == node).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Attempts, attempts).SetProperty(n => n.LastError, result.Error)
            .SetProperty(n => n.State, dead ? NotificationState.Dead : NotificationState.Pending)
            .SetProperty(n => n.NextAttemptAt, now + Wait(attempts))
            .SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (dead && marked == 1)
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

    // An administrator sends a dead (or gateway-failed) notification again after fixing the
    // cause: as a new message (a new id, so a gateway that de-duplicates ids sends it), and the
    // old one is marked Resent, once.
    public async Task<bool> ResendAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(
            n => n.Id == id && (n.State == NotificationState.Dead || n.State == NotificationState.Failed), cancellationToken);
        if (old is null || await db.Notifications.Where(n => n.Id == id && n.State == old.State)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.State, NotificationState.Resent), cancellationToken) != 1)
        {
            return false;
        }

        db.Notifications.Add(new Notification
        {
            IdempotencyKey = $"{old.IdempotencyKey}:resend:{now:yyyyMMddHHmmssfff}", Kind = old.Kind, Channel = old.Channel, AccountId = old.AccountId,
            AddressProtected = old.AddressProtected, CaseId = old.CaseId, Subject = old.Subject, Body = old.Body, Urgent = old.Urgent,
            State = NotificationState.Pending, NextAttemptAt = now, CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

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

        if (!await db.Notifications.AnyAsync(n => n.Id == id && n.Channel == NotificationChannel.Sms, cancellationToken))
        {
            return ReceiptOutcome.Unknown;
        }

        // One conditional UPDATE from the states it may move on from, so two receipts at once
        // cannot undo each other: Pending/Sent → Failed → Delivered, and Delivered is final.
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = receipt.Status == "delivered"
            ? await db.Notifications.Where(n => n.Id == id && (n.State == NotificationState.Pending || n.State == NotificationState.Sent || n.State == NotificationState.Failed))
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.State, NotificationState.Delivered).SetProperty(n => n.DeliveredAt, now), cancellationToken)
            : await db.Notifications.Where(n => n.Id == id && (n.State == NotificationState.Pending || n.State == NotificationState.Sent))
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.State, NotificationState.Failed), cancellationToken);
        db.NotificationAttempts.Add(new NotificationAttempt { NotificationId = id, At = now, Outcome = "receipt:" + receipt.Status, Detail = moved == 1 ? null : "ignored" });
        await db.SaveChangesAsync(cancellationToken);
        return moved == 1 ? ReceiptOutcome.Applied : ReceiptOutcome.Ignored;
    }
}
