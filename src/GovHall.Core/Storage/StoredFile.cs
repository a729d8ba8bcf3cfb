using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Storage;

// Metadata of one distinct content in the file store.
public sealed class StoredFile
{
    public required string Sha256 { get; init; }
    public required long Length { get; init; }
    public required string ContentType { get; init; }
    public required DateTime CreatedAt { get; init; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("stored_files");
        builder.HasKey(f => f.Sha256);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.ContentType).HasMaxLength(100);
    }
}
