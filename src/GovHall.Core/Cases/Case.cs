using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Cases;

// One application being handled (办件), from submission to delivery. It keeps a snapshot of
// what was applied for (item version, situation, answers, files) and who applied, so later
// catalog edits never change a case. Every change is a CaseEvent written in the same
// transaction. Personal data (the applicant's ID number, the contact phone, the answers) is
// encrypted with PersonalData.
public sealed class Case
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string TrackingCode { get; init; }
    public required string CaseNumber { get; init; }

    public Guid ItemId { get; init; }
    public required string ItemCode { get; init; }
    public int ItemVersion { get; init; }
    public required string ItemName { get; init; }
    public required string Situation { get; init; }
    public required string Department { get; init; }

    public ApplicantType ApplicantType { get; init; }
    public required string ApplicantName { get; init; }
    public string? ApplicantIdNumberProtected { get; init; }
    public string? CreditCode { get; init; }
    public string? AgentName { get; init; }
    public required string ContactPhoneProtected { get; init; }
    public Guid? AccountId { get; init; }
    public Guid? OrganizationId { get; init; }
    public required string AnswersProtected { get; init; }

    public CaseChannel Channel { get; init; }
    public string? PartnerClientId { get; init; }

    // Idempotency: one case per key ("draft:{id}", or "partner:" + SHA-256 of client and Idempotency-Key),
    // and the hash of what was submitted under it, so a reused key with other content is refused.
    public required string SubmissionKey { get; init; }
    public required string SubmissionHash { get; init; }

    public CaseStage Stage { get; set; } = CaseStage.Submitted;
    public DateTime SubmittedAt { get; init; }
    public DateTime? AcceptedAt { get; set; }
    public DateOnly? Deadline { get; set; }
    public DateTime? ConcludedAt { get; set; }
    public required TimeLimit StatutoryLimit { get; init; }
    public required TimeLimit PromisedLimit { get; init; }

    // The step of the item's steps (办理流程) that the case is at, the role that must act on
    // it, and when it got there: each step has its own time allotment. The role is set only
    // while the case is open (HandleCase clears it when the case is refused, concluded or
    // withdrawn); the staff queue relies on that.
    public int StepIndex { get; set; }
    public string StepName { get; set; } = "";
    public string? StepRole { get; set; }
    public DateOnly? StepStartedOn { get; set; }
    public TimeLimit StepLimit { get; set; } = new();

    // The statutory deadline (Deadline) and the promised one, moved by suspension and extension.
    public DateOnly? PromisedDeadline { get; set; }
    public CaseStage? SuspendedFromStage { get; set; }
    public DateOnly? SuspendedOn { get; set; }
    public int SuspendedWorkingDays { get; set; }
    public int SuspendedCalendarDays { get; set; }
    public int? ExtensionRequestedDays { get; set; }
    public int ExtensionDays { get; set; }

    // What the applicant must correct (the one-time notice of the last return), as JSON.
    public string? CorrectionNotice { get; set; }

    // The day by which the applicant should correct (GovHall:Cases:CorrectionDays after the notice).
    public DateOnly? CorrectionDueOn { get; set; }

    public IReadOnlyList<CorrectionItem> Corrections() => CorrectionNotice is { } notice
        ? System.Text.Json.JsonSerializer.Deserialize<List<CorrectionItem>>(notice) ?? []
        : [];
    public Decision? Decision { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DeliveryWay? DeliveredBy { get; set; }
    public string? DeliveryNote { get; set; }

    // Optimistic concurrency: two members of staff acting at once cannot both win.
    public int Revision { get; set; }
}

public enum CaseChannel { Online, Partner }

// Where a case stands, in the order a case usually moves.
public enum CaseStage { Submitted, PreReviewed, CorrectionRequested, Accepted, UnderReview, Suspended, Decided, Concluded, Refused, Withdrawn }

public enum CaseAction
{
    Submit, Resubmit, PreReviewPass, RequestCorrection, Accept, Refuse, Review, SendBack, Suspend, Resume,
    RequestExtension, Extend, RefuseExtension, Decide, Conclude, Withdraw,
}

public enum Decision { Granted, Denied }

public sealed class CaseEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public int Sequence { get; init; }
    public CaseAction Action { get; init; }
    public CaseStage? FromStage { get; init; }
    public CaseStage ToStage { get; init; }

    // Who acted, as shown to staff ("张三（申请人）", "区网上政务大厅", a staff name).
    public required string Actor { get; init; }
    public Guid? ActorAccountId { get; init; }
    public string? Reason { get; init; }
    public DateTime At { get; init; }
}

// A file received with a case, by material. The bytes are in the content store.
public sealed class CaseFile
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public required string Material { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required string ContentType { get; init; }
    public long Length { get; init; }
    public int Position { get; init; }
}

// The last sequence number given out for one prefix (implementation code + date).
public sealed class CaseNumberCounter
{
    public required string Prefix { get; init; }
    public int Last { get; set; }
}

public static class CaseStages
{
    // Plain words for the applicant and the public query.
    public static string Label(CaseStage stage) => stage switch
    {
        CaseStage.Submitted => "已提交，等待预审",
        CaseStage.PreReviewed => "预审通过，等待受理",
        CaseStage.CorrectionRequested => "需要补正材料",
        CaseStage.Accepted => "已受理",
        CaseStage.UnderReview => "审查中",
        CaseStage.Suspended => "特别程序中（不计入办理时限）",
        CaseStage.Decided => "已作出决定",
        CaseStage.Concluded => "已办结",
        CaseStage.Refused => "不予受理",
        CaseStage.Withdrawn => "已撤回",
    };

    // What the applicant has to do now, for 我的办件.
    public static string AskedOfApplicant(CaseStage stage) => stage switch
    {
        CaseStage.CorrectionRequested => "请按一次性告知补正材料",
        CaseStage.Decided => "已作出决定，等待送达",
        CaseStage.Concluded => "已办结，无需操作；结果和文书见办件详情",
        CaseStage.Refused => "不予受理，理由见办件详情；符合条件的可以重新申请",
        CaseStage.Withdrawn => "已撤回，无需操作",
        _ => "无需操作，请等待办理",
    };

    // The reason the applicant and the public query see: staff's internal opinions (review,
    // send-back, pre-review notes) stay on the staff side; everything told to the applicant
    // in a notice shows.
    public static string? PublicReason(CaseEvent happened) =>
        happened.Action is CaseAction.Review or CaseAction.SendBack or CaseAction.PreReviewPass or CaseAction.RequestExtension or CaseAction.RefuseExtension
            ? null
            : happened.Reason;

    public static string Label(CaseAction action) => action switch
    {
        CaseAction.Submit => "提交申请",
        CaseAction.Resubmit => "补正后重新提交",
        CaseAction.PreReviewPass => "预审通过",
        CaseAction.RequestCorrection => "退回补正（一次性告知）",
        CaseAction.Accept => "受理",
        CaseAction.Refuse => "不予受理",
        CaseAction.Review => "审查",
        CaseAction.SendBack => "退回上一环节",
        CaseAction.Suspend => "中止（特别程序）",
        CaseAction.Resume => "恢复办理",
        CaseAction.RequestExtension => "申请延长办理时限",
        CaseAction.Extend => "批准延长办理时限",
        CaseAction.RefuseExtension => "不批准延长办理时限",
        CaseAction.Decide => "作出决定",
        CaseAction.Conclude => "办结",
        CaseAction.Withdraw => "申请人撤回",
    };
}

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
