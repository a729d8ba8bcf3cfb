using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// Reads of the bureau's departments.
public sealed class Departments(HallDbContext db)
{
    public Task<List<Department>> ListAsync(CancellationToken cancellationToken) =>
        db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);

    // The department an account belongs to now (read each time, so a move takes effect at once).
    public Task<string?> NameOfAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == accountId)
            .Select(u => db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault())
            .SingleOrDefaultAsync(cancellationToken);
}
