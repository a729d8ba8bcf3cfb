using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Cases;

// An application not yet submitted (草稿): saved as the person goes, resumed from 我的办件,
// deleted when it expires (GovHall:Cases:DraftDays, default 30). Submitting it creates exactly
// one case (SubmissionKey "draft:{Id}"); the draft then points at that case.
public sealed class ApplicationDraft
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; init; }
    public required string ItemCode { get; init; }
    public required string ItemName { get; init; }
    // Chosen when the draft is started; the person may choose another before submitting.
    public required string Situation { get; set; }
    public Guid AccountId { get; init; }
    public Guid? OrganizationId { get; init; }
    public string? AnswersProtected { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public Guid? SubmittedCaseId { get; set; }
    public int Revision { get; set; }

    // Saves the answers (encrypted) and keeps the draft for another GovHall:Cases:DraftDays.
    public void Keep(string answersProtected, DateTime now, int draftDays)
    {
        AnswersProtected = answersProtected;
        UpdatedAt = now;
        ExpiresAt = now.AddDays(draftDays);
        Revision++;
    }
}

// A file given for one material of a draft.
public sealed class DraftFile
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid DraftId { get; init; }
    public required string Material { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required string ContentType { get; init; }
    public long Length { get; init; }
    public DateTime AddedAt { get; init; }
}

internal sealed class ApplicationDraftConfiguration : IEntityTypeConfiguration<ApplicationDraft>
{
    public void Configure(EntityTypeBuilder<ApplicationDraft> builder)
    {
        builder.ToTable("application_drafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.ItemCode).HasMaxLength(ItemCode.Length);
        builder.Property(d => d.ItemName).HasMaxLength(ItemValidator.MaxName);
        builder.Property(d => d.Situation).HasMaxLength(ItemValidator.MaxName);
        builder.Property(d => d.Revision).IsConcurrencyToken();
        builder.HasIndex(d => new { d.AccountId, d.UpdatedAt });
        builder.HasIndex(d => d.ExpiresAt);
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DraftFileConfiguration : IEntityTypeConfiguration<DraftFile>
{
    public void Configure(EntityTypeBuilder<DraftFile> builder)
    {
        builder.ToTable("draft_files");
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => new { f.DraftId, f.AddedAt });
        // One file once per material: a double click on 上传 or 使用此文件 makes one row.
        builder.HasIndex(f => new { f.DraftId, f.Material, f.Sha256 }).IsUnique();
        builder.HasOne<ApplicationDraft>().WithMany().HasForeignKey(f => f.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(f => f.Material).HasMaxLength(ItemValidator.MaxName);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.ContentType).HasMaxLength(100);
    }
}
