using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core;

// Small facts the hall keeps about itself (for example which personal-data key its data is
// encrypted with), by name.
public sealed class HallSetting
{
    public required string Name { get; init; }
    public required string Value { get; set; }
}

internal sealed class HallSettingConfiguration : IEntityTypeConfiguration<HallSetting>
{
    public void Configure(EntityTypeBuilder<HallSetting> builder)
    {
        builder.ToTable("hall_settings");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(1000);
    }
}
