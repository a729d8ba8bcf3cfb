using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.DisplayName).HasMaxLength(100);
        builder.Property(a => a.IdNumberProtected).HasMaxLength(200);
        builder.Property(a => a.IdNumberIndex).HasMaxLength(64);
        builder.Property(a => a.PhoneProtected).HasMaxLength(200);
        builder.Property(a => a.PhoneIndex).HasMaxLength(64);
        builder.HasIndex(a => a.IdNumberIndex).IsUnique();
        builder.HasIndex(a => a.PhoneIndex).IsUnique();
        builder.HasOne<Department>().WithMany().HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("departments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.HasIndex(d => d.Name).IsUnique();
    }
}

internal sealed class AuthSessionConfiguration : IEntityTypeConfiguration<AuthSession>
{
    public void Configure(EntityTypeBuilder<AuthSession> builder)
    {
        builder.ToTable("auth_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.HasIndex(s => s.AccountId);
        builder.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> builder)
    {
        builder.ToTable("one_time_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.TargetIndex).HasMaxLength(64);
        builder.Property(c => c.AskedFromIndex).HasMaxLength(64);
        builder.HasIndex(c => c.ExpiresAt);
        builder.HasIndex(c => new { c.TargetIndex, c.CreatedAt });
        builder.HasIndex(c => new { c.AskedFromIndex, c.CreatedAt });
    }
}
