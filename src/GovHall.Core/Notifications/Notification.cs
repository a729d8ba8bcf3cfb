using GovHall.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Notifications;

public enum NotificationChannel { Inbox, Email, Sms }

// Resent: a dead or failed message an administrator sent again (as a new row).
public enum NotificationState { Pending, Sent, Delivered, Failed, Dead, Resent }

// What a message is about. Legally required kinds (a notice the law says must reach the
// applicant) cannot be switched off; the others can.
public enum NotificationKind
{
    CaseSubmitted, CorrectionRequested, CaseAccepted, CaseRefused, CaseSuspended, CaseResumed, CaseExtended,
    CaseDecided, CertificateReady, CaseConcluded, RatingInvitation,
    DraftExpiring, CertificateExpiring, StaffDigest, CorrectionExpiring,

    // A one-time code (registration, password reset, unlocking): sent ahead of everything else.
    OneTimeCode,

    // The organisation's verification was decided (its administrator is told).
    OrganizationVerified, OrganizationRefused,
}

// One message on one channel to one person: the outbox row. It is written in the same
// transaction as the event that causes it, and a dispatcher delivers it afterwards. Its
// idempotency key (occasion + kind + channel; the occasion names the recipient) makes it
// exist once; the claim (who,
// until when) makes only one dispatcher send it at a time. The address (email or phone) is
// encrypted like every phone number in the hall.
public sealed class Notification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string IdempotencyKey { get; init; }
    public NotificationKind Kind { get; init; }
    public NotificationChannel Channel { get; init; }

    // The account it is for; none for a partner's case whose applicant has no account here
    // (then only the case's contact phone is written to).
    public Guid? AccountId { get; init; }
    public string? AddressProtected { get; init; }
    public Guid? CaseId { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public bool Urgent { get; init; }

    // Higher goes first (one-time codes: CodePriority); the rest keep their order in time.
    public int Priority { get; init; }

    // The body is encrypted (it holds a one-time code): only the channel that sends it opens it.
    public bool BodyProtected { get; init; }

    public NotificationState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? LastError { get; set; }
    public string? ProviderMessageId { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SentAt { get; set; }
    public DateTime? DeliveredAt { get; set; }

    public const int CodePriority = 10;

    // The text to send: the body, opened if it is encrypted.
    public string TextOf(PersonalData personal) => BodyProtected ? personal.Unprotect(Body) : Body;
}

// Every try to deliver a notification, and every delivery receipt: what happened and when.
public sealed class NotificationAttempt
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid NotificationId { get; init; }
    public DateTime At { get; init; }
    public required string Outcome { get; init; }
    public string? Detail { get; init; }
}

// 站内信: a message in the person's own inbox on the site.
public sealed class InboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid NotificationId { get; init; }
    public Guid AccountId { get; init; }
    public Guid? CaseId { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; set; }
}

// A person's choice of channels for one kind; without a row the kind's defaults apply.
public sealed class NotificationPreference
{
    public Guid AccountId { get; init; }
    public NotificationKind Kind { get; init; }
    public bool Email { get; set; }
    public bool Sms { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(n => n.IdempotencyKey).IsUnique();
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(n => n.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.AddressProtected).HasMaxLength(400);
        builder.Property(n => n.Subject).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(8000);
        builder.Property(n => n.ClaimedBy).HasMaxLength(100);
        builder.Property(n => n.LastError).HasMaxLength(1000);
        builder.Property(n => n.ProviderMessageId).HasMaxLength(100);
        builder.HasIndex(n => new { n.State, n.NextAttemptAt });
        builder.HasIndex(n => n.ProviderMessageId);
        builder.HasIndex(n => new { n.AccountId, n.CreatedAt });
    }
}

internal sealed class NotificationAttemptConfiguration : IEntityTypeConfiguration<NotificationAttempt>
{
    public void Configure(EntityTypeBuilder<NotificationAttempt> builder)
    {
        builder.ToTable("notification_attempts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.NotificationId, a.At });
        builder.HasOne<Notification>().WithMany().HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Outcome).HasMaxLength(40);
        builder.Property(a => a.Detail).HasMaxLength(1000);
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.NotificationId).IsUnique();
        builder.HasIndex(m => new { m.AccountId, m.CreatedAt });
        builder.Property(m => m.Subject).HasMaxLength(200);
        builder.Property(m => m.Body).HasMaxLength(8000);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => new { p.AccountId, p.Kind });
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
    }
}

// An administrator's wording for one kind, replacing the built-in template.
public sealed class NotificationTemplate
{
    public NotificationKind Kind { get; init; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.ToTable("notification_templates");
        builder.HasKey(t => t.Kind);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(t => t.Subject).HasMaxLength(200);
        builder.Property(t => t.Body).HasMaxLength(4000);
        builder.Property(t => t.UpdatedBy).HasMaxLength(100);
    }
}
