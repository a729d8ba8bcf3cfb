using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Cases;

// Why a member of staff opened a masked field (查看完整信息): one of a short list, or other
// with a text.
public enum RevealReason { Delivery, IdentityCheck, PhoneContact, Other }

// One masked field of one case opened whole by one member of staff: when, which field, by
// whom in which department and role, and why. The person the case belongs to sees every one
// of these (数据使用记录); the value itself is never stored here.
public sealed class PersonalDataReveal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }

    // The applicant's account, for their own list; none for a partner's case without one here.
    public Guid? AccountId { get; init; }
    public required string Field { get; init; }
    public required string FieldLabel { get; init; }
    public RevealReason Reason { get; init; }
    public string? ReasonText { get; init; }
    public Guid StaffAccountId { get; init; }
    public required string StaffName { get; init; }
    public string? Department { get; init; }
    public required string Role { get; init; }
    public DateTime At { get; init; }

    public static string ReasonLabel(RevealReason reason) => reason switch
    {
        RevealReason.Delivery => "送达",
        RevealReason.IdentityCheck => "核验身份",
        RevealReason.PhoneContact => "电话联系",
        RevealReason.Other => "其他",
        _ => reason.ToString(),
    };

    public string WhyText => Reason == RevealReason.Other ? $"其他：{ReasonText}" : ReasonLabel(Reason);
}

internal sealed class PersonalDataRevealConfiguration : IEntityTypeConfiguration<PersonalDataReveal>
{
    public void Configure(EntityTypeBuilder<PersonalDataReveal> builder)
    {
        builder.ToTable("personal_data_reveals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Field).HasMaxLength(80);
        builder.Property(r => r.FieldLabel).HasMaxLength(200);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ReasonText).HasMaxLength(200);
        builder.Property(r => r.StaffName).HasMaxLength(100);
        builder.Property(r => r.Department).HasMaxLength(100);
        builder.Property(r => r.Role).HasMaxLength(40);
        builder.HasIndex(r => new { r.AccountId, r.At });
        builder.HasIndex(r => new { r.StaffAccountId, r.At });
        builder.HasIndex(r => new { r.CaseId, r.At });
    }
}
