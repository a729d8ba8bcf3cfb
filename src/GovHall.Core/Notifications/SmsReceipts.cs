using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Notifications;

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
