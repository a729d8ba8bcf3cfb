using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Messages;

public enum MessageChannel { Sms, Email }

// What the hall tells a person outside the site: a one-time code. The key makes it exist once
// (the code's own id); the body holds the code, so it is never logged.
public sealed record OutgoingMessage(string Key, MessageChannel Channel, string To, string Subject, string Body);

// The way out for one-time codes. In Production it is the notification outbox (SMS and mail,
// ahead of every other message); in Development and Testing the development mailbox below,
// which never leaves the database. Add puts the message into the caller's unit of work: it is
// saved with the code, or not at all.
public interface IMessageSender
{
    // The channels a code can go out on now; none means codes cannot be sent (the pages say so).
    IReadOnlySet<MessageChannel> Channels { get; }

    void Add(OutgoingMessage message);
}

// A message kept for developers and tests to read (/dev/mailbox). The recipient is stored as a
// blind index and a masked form only, like every phone number in the hall.
public sealed class MailboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTime At { get; init; }
    public MessageChannel Channel { get; init; }
    public required string ToIndex { get; init; }
    public required string ToMasked { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
}

internal sealed class MailboxMessageConfiguration : IEntityTypeConfiguration<MailboxMessage>
{
    public void Configure(EntityTypeBuilder<MailboxMessage> builder)
    {
        builder.ToTable("mailbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.ToIndex).HasMaxLength(64);
        builder.Property(m => m.ToMasked).HasMaxLength(100);
        builder.Property(m => m.Subject).HasMaxLength(200);
        builder.Property(m => m.Body).HasMaxLength(4000);
        builder.HasIndex(m => new { m.ToIndex, m.At });
    }
}

public sealed class DevelopmentMailbox(HallDbContext db, Accounts.PersonalData personal, TimeProvider clock) : IMessageSender
{
    private static readonly IReadOnlySet<MessageChannel> Both = new HashSet<MessageChannel> { MessageChannel.Sms, MessageChannel.Email };

    public IReadOnlySet<MessageChannel> Channels => Both;

    public void Add(OutgoingMessage message)
    {
        db.MailboxMessages.Add(new MailboxMessage
        {
            At = clock.GetUtcNow().UtcDateTime,
            Channel = message.Channel,
            ToIndex = IndexOf(personal, message.Channel, message.To),
            ToMasked = message.Channel == MessageChannel.Sms ? Codes.MobilePhone.Mask(message.To) : MaskEmail(message.To),
            Subject = message.Subject,
            Body = message.Body,
        });
    }

    public static string IndexOf(Accounts.PersonalData personal, MessageChannel channel, string to) =>
        personal.Index("mailbox-" + channel, to.Trim().ToLowerInvariant());

    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "***" + email[Math.Max(at, 0)..] : $"{email[0]}***{email[at..]}";
    }
}
