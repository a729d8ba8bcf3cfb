using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Certificates;

// An electronic certificate or licence (电子证照) the hall issued on a grant: its signed
// payload exactly as signed (the bytes that the signature covers), the signature, and the key
// that made it. Anyone can check it offline against the published public key; the hall's
// own answer adds whether it was revoked or has expired.
public sealed class Certificate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Number { get; init; }
    public Guid CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public required string ItemCode { get; init; }
    public required string Title { get; init; }
    public required string HolderName { get; init; }
    public string? HolderIdMasked { get; init; }
    public string? CreditCode { get; init; }
    public Guid? AccountId { get; init; }
    public Guid? OrganizationId { get; init; }
    public required string Issuer { get; init; }
    public DateOnly IssuedOn { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public required string KeyId { get; init; }
    public required string Payload { get; init; }
    public required string Signature { get; init; }
    public string? PdfSha256 { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? RevokedBy { get; set; }
}

public enum CertificateStatus { Valid, Revoked, Expired, Invalid }

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("certificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Number).HasMaxLength(Cases.TrackingCode.Length);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.CaseId);
        builder.HasOne<Cases.Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.CaseNumber).HasMaxLength(60);
        builder.Property(c => c.ItemCode).HasMaxLength(Catalog.ItemCode.Length);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.HolderName).HasMaxLength(200);
        builder.Property(c => c.HolderIdMasked).HasMaxLength(30);
        builder.Property(c => c.CreditCode).HasMaxLength(18);
        builder.Property(c => c.Issuer).HasMaxLength(200);
        builder.Property(c => c.KeyId).HasMaxLength(40);
        builder.Property(c => c.Payload).HasMaxLength(4000);
        builder.Property(c => c.Signature).HasMaxLength(200);
        builder.Property(c => c.PdfSha256).HasMaxLength(64);
        builder.Property(c => c.RevokedReason).HasMaxLength(500);
        builder.Property(c => c.RevokedBy).HasMaxLength(100);
        builder.HasIndex(c => c.AccountId);
        builder.HasIndex(c => c.OrganizationId);
    }
}
