using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Audit;

// Who did what, when, from which address. Append-only: the database refuses updates and
// deletes of these rows (triggers in the migrations), and nothing here offers them.
// Details never hold personal data (ID numbers, phones): accounts are named by user name.
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTime At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? Target { get; init; }
    public string? Detail { get; init; }
    public string? Address { get; init; }
    public bool Succeeded { get; init; } = true;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(100);
        builder.Property(e => e.Action).HasMaxLength(60);
        builder.Property(e => e.Target).HasMaxLength(200);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.Property(e => e.Address).HasMaxLength(64);
        builder.HasIndex(e => e.At);
    }
}

// Writes through a context of its own, so an audit entry never saves (or is lost with) the
// half-done changes of the request that it records.
public sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task WriteAsync(string actor, string action, string? target, string? detail, string? address, bool succeeded, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = Cut(actor, 100)!,
            Action = Cut(action, 60)!,
            Target = Cut(target, 200),
            Detail = Cut(detail, 1000),
            Address = Cut(address, 64),
            Succeeded = succeeded,
        });
        // Not the request's token: a client that hangs up after the change must not lose its record.
        _ = cancellationToken;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string? Cut(string? value, int length) => value is { Length: > 0 } && value.Length > length ? value[..length] : value;
}
