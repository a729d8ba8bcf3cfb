using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Messages;

public enum MessageChannel { Sms, Email }

// What the hall tells a person outside the site (a one-time code, later case news).
public sealed record OutgoingMessage(MessageChannel Channel, string To, string Subject, string Body);

// The way out for messages. Until the notifications issue adds SMTP, SMS and the outbox, the
// only implementation is the development mailbox below, which never leaves the database.
public interface IMessageSender
{
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
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
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
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
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string IndexOf(Accounts.PersonalData personal, MessageChannel channel, string to) =>
        personal.Index("mailbox-" + channel, to.Trim().ToLowerInvariant());

    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "***" + email[Math.Max(at, 0)..] : $"{email[0]}***{email[at..]}";
    }
}
