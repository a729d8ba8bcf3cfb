using GovHall.Core.Accounts;
using GovHall.Core.Messages;

namespace GovHall.Core.Notifications;

// One-time codes in Production: each is an outbox row on the SMS or mail channel, saved with
// the code itself (one commit), ahead of every other message (priority), at any hour (urgent),
// with the body encrypted so that only the channel opens it. Once the caller's save has
// committed, this node's dispatcher is woken, so the code does not wait for the next round.
public sealed class CodeOutbox(HallDbContext db, PersonalData personal, NotificationSettings settings, DispatchSignal signal, TimeProvider clock)
    : IMessageSender
{
    private bool listening;

    public IReadOnlySet<MessageChannel> Channels => Enabled(settings);

    public static IReadOnlySet<MessageChannel> Enabled(NotificationSettings settings)
    {
        var channels = new HashSet<MessageChannel>();
        if (settings.Sms.Enabled)
        {
            channels.Add(MessageChannel.Sms);
        }

        if (settings.Mail.Enabled)
        {
            channels.Add(MessageChannel.Email);
        }

        return channels;
    }

    public void Add(OutgoingMessage message)
    {
        if (!Channels.Contains(message.Channel))
        {
            throw new InvalidOperationException($"No {message.Channel} channel is configured; callers check Channels first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var channel = message.Channel == MessageChannel.Sms ? NotificationChannel.Sms : NotificationChannel.Email;
        db.Notifications.Add(new Notification
        {
            IdempotencyKey = $"code:{message.Key}:{channel}",
            Kind = NotificationKind.OneTimeCode,
            Channel = channel,
            AddressProtected = personal.Protect(message.To),
            Subject = message.Subject,
            Body = personal.Protect(message.Body),
            BodyProtected = true,
            Urgent = true,
            Priority = Notification.CodePriority,
            State = NotificationState.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
        if (!listening)
        {
            listening = true;
            db.SavedChanges += (_, _) => signal.Pulse();
        }
    }
}
