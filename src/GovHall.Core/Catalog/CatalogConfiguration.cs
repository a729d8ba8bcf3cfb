using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Catalog;

internal sealed class ServiceItemConfiguration : IEntityTypeConfiguration<ServiceItem>
{
    public void Configure(EntityTypeBuilder<ServiceItem> builder)
    {
        builder.ToTable("service_items");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Code).HasMaxLength(ItemCode.Length);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.OnlineDepth).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Name).HasMaxLength(ItemValidator.MaxName);
        builder.Property(i => i.Department).HasMaxLength(ItemValidator.MaxName);
        builder.Property(i => i.Topics).HasMaxLength(1000);
        builder.Property(i => i.ApplicantTypes).HasMaxLength(100);
        builder.Property(i => i.DraftUpdatedBy).HasMaxLength(100);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => new { i.State, i.ViewCount });
    }
}

internal sealed class ServiceItemVersionConfiguration : IEntityTypeConfiguration<ServiceItemVersion>
{
    public void Configure(EntityTypeBuilder<ServiceItemVersion> builder)
    {
        builder.ToTable("service_item_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.ItemId, v.Version }).IsUnique();
        builder.HasOne<ServiceItem>().WithMany().HasForeignKey(v => v.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.PublishedBy).HasMaxLength(100);
        builder.Property(v => v.Reason).HasMaxLength(PublishItem.MaxNote);
        builder.Property(v => v.Basis).HasMaxLength(PublishItem.MaxNote);
    }
}

internal sealed class CatalogChangeConfiguration : IEntityTypeConfiguration<CatalogChange>
{
    public void Configure(EntityTypeBuilder<CatalogChange> builder)
    {
        builder.ToTable("catalog_changes");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.ItemId, c.At });
        builder.HasOne<ServiceItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Actor).HasMaxLength(100);
        builder.Property(c => c.Reason).HasMaxLength(PublishItem.MaxNote);
        builder.Property(c => c.Basis).HasMaxLength(PublishItem.MaxNote);
    }
}
