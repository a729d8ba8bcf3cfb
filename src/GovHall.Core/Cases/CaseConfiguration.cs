using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Cases;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.TrackingCode).HasMaxLength(Cases.TrackingCode.Length);
        builder.HasIndex(c => c.TrackingCode).IsUnique();
        builder.Property(c => c.CaseNumber).HasMaxLength(60);
        builder.HasIndex(c => c.CaseNumber).IsUnique();
        builder.Property(c => c.ItemCode).HasMaxLength(ItemCode.Length);
        builder.Property(c => c.ItemName).HasMaxLength(ItemValidator.MaxName);
        builder.Property(c => c.Situation).HasMaxLength(ItemValidator.MaxName);
        builder.Property(c => c.Department).HasMaxLength(ItemValidator.MaxName);
        builder.Property(c => c.ApplicantType).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ApplicantName).HasMaxLength(100);
        builder.Property(c => c.ApplicantIdNumberProtected).HasMaxLength(200);
        builder.Property(c => c.CreditCode).HasMaxLength(18);
        builder.Property(c => c.AgentName).HasMaxLength(100);
        builder.Property(c => c.ContactPhoneProtected).HasMaxLength(200);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.PartnerClientId).HasMaxLength(100);
        builder.Property(c => c.SubmissionKey).HasMaxLength(200);
        builder.HasIndex(c => c.SubmissionKey).IsUnique();
        builder.Property(c => c.SubmissionHash).HasMaxLength(64);
        builder.Property(c => c.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.ComplexProperty(c => c.StatutoryLimit, limit => Limit(limit, "statutory"));
        builder.ComplexProperty(c => c.PromisedLimit, limit => Limit(limit, "promised"));
        builder.HasIndex(c => new { c.AccountId, c.SubmittedAt });
        builder.HasIndex(c => new { c.OrganizationId, c.SubmittedAt });
        builder.HasIndex(c => new { c.Stage, c.SubmittedAt });
        builder.Property(c => c.StepName).HasMaxLength(ItemValidator.MaxName);
        builder.Property(c => c.StepRole).HasMaxLength(50);
        builder.ComplexProperty(c => c.StepLimit, limit => Limit(limit, "step"));
        builder.Property(c => c.SuspendedFromStage).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CorrectionNotice).HasMaxLength(20000);
        builder.Property(c => c.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.DeliveredBy).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.DeliveryNote).HasMaxLength(200);
        // The staff queue: cases waiting at a role's step in a department, oldest first, and
        // the few with an extension waiting for an approver (StaffCases.QueueAsync).
        builder.HasIndex(c => new { c.StepRole, c.Department, c.SubmittedAt });
        builder.HasIndex(c => c.ExtensionRequestedDays).HasFilter("\"ExtensionRequestedDays\" IS NOT NULL");
        // The few cases counted provisionally (暂定), for RecountDeadlines.
        builder.HasIndex(c => c.DeadlineProvisional).HasFilter("\"DeadlineProvisional\"");
    }

    // Complex properties, not owned entities: the same columns, without an entity of their own
    // to track for every case read or written (bench/README.md).
    private static void Limit(ComplexPropertyBuilder<TimeLimit> limit, string prefix)
    {
        limit.Property(l => l.Value).HasColumnName($"{prefix}_limit");
        limit.Property(l => l.Unit).HasColumnName($"{prefix}_limit_unit").HasConversion<string>().HasMaxLength(20);
        limit.Ignore(l => l.Note);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.ToTable("case_events");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.CaseId, e.Sequence }).IsUnique();
        builder.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.FromStage).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.ToStage).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.Property(e => e.Reason).HasMaxLength(4000);
    }
}

internal sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> builder)
    {
        builder.ToTable("case_files");
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => new { f.CaseId, f.Position });
        builder.HasOne<Case>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(f => f.Material).HasMaxLength(ItemValidator.MaxName);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.HasIndex(f => f.Sha256);
    }
}

internal sealed class CaseNumberCounterConfiguration : IEntityTypeConfiguration<CaseNumberCounter>
{
    public void Configure(EntityTypeBuilder<CaseNumberCounter> builder)
    {
        builder.ToTable("case_number_counters");
        builder.HasKey(c => c.Prefix);
        builder.Property(c => c.Prefix).HasMaxLength(60);
    }
}
