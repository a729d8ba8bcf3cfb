using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GovHall.Core.Notifications;

// Delivers queued notifications. Each due row is claimed with a lease by one conditional
// UPDATE (the same on SQLite and PostgreSQL): of two dispatchers on two nodes only one gets
// the row, and a node that dies mid-send loses its claim when the lease ends. A failure is
// retried with growing waits; after the last try the notification is dead (the dead-letter
// list administrators see) until someone resends it. Every try is recorded. On SQLite every
// write takes its turn (WriteTurns), never across a send to a gateway, so that messages do not
// wait in SQLite's busy handler behind a peak of submissions.
public sealed partial class NotificationDispatcher(
    HallDbContext db, IEnumerable<INotificationChannel> channels, NotificationSettings settings, TimeProvider clock, WriteTurns turns,
    HallMetrics metrics, ILogger<NotificationDispatcher> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    public static TimeSpan Wait(int attempts) => Backoff[Math.Clamp(attempts - 1, 0, Backoff.Length - 1)];

    // Sends what is due now; answers how many it sent. The due rows are claimed together by one
    // conditional UPDATE under a claim of their own (one commit per batch, not per message).
    public async Task<int> DispatchOnceAsync(string node, int batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.State == NotificationState.Pending && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderByDescending(n => n.Priority).ThenBy(n => n.NextAttemptAt).Select(n => n.Id).Take(batch).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        // The claim on the time it is made, and only of rows still due: a list read a while ago
        // must not claim a row another node has just claimed or rescheduled.
        var claim = $"{(node.Length > 60 ? node[..60] : node)}#{Guid.NewGuid():N}";
        var at = clock.GetUtcNow().UtcDateTime;
        var until = at + Lease;
        using (await turns.TakeAsync(db, cancellationToken))
        {
            await db.Notifications
                .Where(n => due.Contains(n.Id) && n.State == NotificationState.Pending && n.NextAttemptAt <= at && (n.ClaimedUntil == null || n.ClaimedUntil < at))
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.ClaimedBy, claim).SetProperty(n => n.ClaimedUntil, until), cancellationToken);
        }

        var mine = await db.Notifications.AsNoTracking().Where(n => due.Contains(n.Id) && n.ClaimedBy == claim)
            .OrderByDescending(n => n.Priority).ThenBy(n => n.NextAttemptAt).ToListAsync(cancellationToken);

        // Messages that only write into this database (the inbox) go together: their rows and
        // outcomes in one transaction, one commit for the lot.
        var local = mine.Where(n => ChannelOf(n) is { InDatabase: true }).ToList();
        var sent = local.Count > 0 ? await DeliverTogetherAsync(local, claim, cancellationToken) : 0;
        foreach (var notification in mine.Except(local))
        {
            // Each send to the outside starts with a whole lease of its own, renewed while the
            // claim is still ours: one slow SMTP server (30 s per operation, several operations)
            // must not let the batch's later messages outlive the lease and be sent twice.
            var renewedUntil = clock.GetUtcNow().UtcDateTime + Lease;
            int renewed;
            using (await turns.TakeAsync(db, cancellationToken))
            {
                renewed = await db.Notifications.Where(n => n.Id == notification.Id && n.ClaimedBy == claim)
                    .ExecuteUpdateAsync(set => set.SetProperty(n => n.ClaimedUntil, renewedUntil), cancellationToken);
            }

            if (renewed == 1)
            {
                sent += await DeliverAsync(notification, claim, cancellationToken) ? 1 : 0;
            }
        }

        return sent;
    }

    private INotificationChannel? ChannelOf(Notification notification) => channels.FirstOrDefault(c => c.Channel == notification.Channel);

    private async Task<int> DeliverTogetherAsync(List<Notification> batch, string claim, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var dead = new List<(Notification, int, string?)>();
        var outcomes = new List<(NotificationChannel Channel, TryOutcome Outcome)>();
        var sent = 0;
        // In-database channels write rows and call nothing outside, so the turn may span the batch.
        using (await turns.TakeAsync(db, cancellationToken))
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var notification in batch)
            {
                var result = await SendAsync(notification, cancellationToken);
                TryOutcome outcome;
                try
                {
                    outcome = await RecordAsync(notification, result, claim, cancellationToken);
                }
                catch (DbUpdateException exception)
                {
                    // EF rolled this message's inserts back to their savepoint, so the batch goes
                    // on; the try is recorded as failed and retried like any other.
                    db.ChangeTracker.Clear();
                    result = SendResult.Fail($"{notification.Channel}: {exception.GetType().Name}");
                    outcome = await RecordAsync(notification, result, claim, cancellationToken);
                }

                outcomes.Add((notification.Channel, outcome));
                switch (outcome)
                {
                    case TryOutcome.Sent:
                        sent++;
                        break;
                    case TryOutcome.Dead:
                        dead.Add((notification, notification.Attempts + 1, result.Error));
                        break;
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var tried in outcomes.CountBy(o => o))
        {
            metrics.NotificationTried(tried.Key.Channel, tried.Key.Outcome, tried.Value);
        }

        foreach (var (notification, attempts, error) in dead)
        {
            LogDead(logger, notification.Id, notification.Channel, notification.Kind, attempts, error);
        }

        return sent;
    }

    private async Task<bool> DeliverAsync(Notification notification, string claim, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        if (notification.Channel == NotificationChannel.Sms && !notification.Urgent && QuietUntil(now) is { } morning)
        {
            using var turn = await turns.TakeAsync(db, cancellationToken);
            await db.Notifications.Where(n => n.Id == notification.Id && n.ClaimedBy == claim).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.NextAttemptAt, morning).SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), cancellationToken);
            return false;
        }

        var result = await SendAsync(notification, cancellationToken);

        // The attempt and the outcome are written in one transaction: one commit, and the
        // attempt is never recorded without its outcome.
        TryOutcome outcome;
        using (await turns.TakeAsync(db, cancellationToken))
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            outcome = await RecordAsync(notification, result, claim, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        metrics.NotificationTried(notification.Channel, outcome);

        if (outcome == TryOutcome.Dead)
        {
            LogDead(logger, notification.Id, notification.Channel, notification.Kind, notification.Attempts + 1, result.Error);
        }

        return outcome == TryOutcome.Sent;
    }

    // Channels time out well inside the lease (SMTP 30 s, gateway 20 s). Whatever a channel
    // throws is a failed try, so every message either goes or, in the end, dies and alerts.
    private async Task<SendResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var channel = ChannelOf(notification);
        try
        {
            return channel is null ? SendResult.Fail($"no {notification.Channel} channel") : await channel.SendAsync(notification, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // What this message's channel added and did not save is dropped; what earlier
            // messages of a batch saved is already in the transaction.
            db.ChangeTracker.Clear();
            return SendResult.Fail($"{notification.Channel}: {exception.GetType().Name}");
        }
    }



    // Writes one try and its outcome into the caller's transaction, with whatever the channel
    // added (an inbox message): such a message exists exactly when its outcome does, and only
    // while the claim is still ours.
    private async Task<TryOutcome> RecordAsync(Notification notification, SendResult result, string claim, CancellationToken cancellationToken)
    {
        var id = notification.Id;
        var attempts = notification.Attempts + 1;
        var now = clock.GetUtcNow().UtcDateTime;

        // Is the claim still ours? (On PostgreSQL this also locks the row until the commit, so
        // no other node can take it meanwhile; on SQLite the transaction holds the writer.)
        var held = await db.Notifications.Where(n => n.Id == id && n.ClaimedBy == claim)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ClaimedUntil, n => n.ClaimedUntil), cancellationToken) == 1;
        if (!held)
        {
            // The lease ran out and another node has the message now: what the channel added is
            // dropped, the try is recorded, and the row is left to its new holder.
            foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            {
                added.State = EntityState.Detached;
            }

            db.NotificationAttempts.Add(new NotificationAttempt { NotificationId = id, At = now, Outcome = "claim-lost", Detail = result.Error });
            await db.SaveChangesAsync(cancellationToken);
            return TryOutcome.ClaimLost;
        }

        db.NotificationAttempts.Add(new NotificationAttempt
        {
            NotificationId = id, At = now, Outcome = result.Sent ? "sent" : attempts >= settings.MaxAttempts ? "dead" : "failed", Detail = result.Error,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (result.Sent)
        {
            // A receipt may already have moved it on (Delivered, Failed); then only the claim goes.
            await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.Pending && n.ClaimedBy == claim).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.State, NotificationState.Sent).SetProperty(n => n.SentAt, now)
                .SetProperty(n => n.ProviderMessageId, result.ProviderMessageId), cancellationToken);
            await db.Notifications.Where(n => n.Id == id && n.ClaimedBy == claim).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.Attempts, attempts).SetProperty(n => n.LastError, (string?)null)
                .SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), cancellationToken);
            return TryOutcome.Sent;
        }

        // Only from Pending and only while the claim is ours: a receipt that came meanwhile wins.
        var dead = attempts >= settings.MaxAttempts;
        var marked = await db.Notifications.Where(n => n.Id == id && n.State == NotificationState.Pending && n.ClaimedBy == claim).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.Attempts, attempts).SetProperty(n => n.LastError, result.Error)
            .SetProperty(n => n.State, dead ? NotificationState.Dead : NotificationState.Pending)
            .SetProperty(n => n.NextAttemptAt, now + Wait(attempts))
            .SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTime?)null), cancellationToken);
        return dead && marked == 1 ? TryOutcome.Dead : TryOutcome.Failed;
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
            Priority = old.Priority, BodyProtected = old.BodyProtected,
            State = NotificationState.Pending, NextAttemptAt = now, CreatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Id} is dead after {Attempts} attempts on {Channel} ({Kind}): {Error}")]
    private static partial void LogDead(ILogger logger, Guid id, NotificationChannel channel, NotificationKind kind, int attempts, string? error);
}

// How one try to send a message ended, as recorded with it: sent; failed (tried again later);
// dead (the last try failed, given up); claim lost (the lease had run out and another node
// holds the message now, which may send it again). A last try whose message a delivery receipt
// settled meanwhile is a failed one.
public enum TryOutcome { Sent, Failed, Dead, ClaimLost }
