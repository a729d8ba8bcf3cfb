using GovHall.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// A system administrator adds a department; names are unique.
public sealed class CreateDepartment(HallDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<Department>> RunAsync(string? name, StaffAdministrator by, CancellationToken cancellationToken)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is < 2 or > 50)
        {
            return new Error("department.name_length", "部门名称应为 2 至 50 个字。", "Name");
        }

        if (await db.Departments.AnyAsync(d => d.Name == trimmed, cancellationToken))
        {
            return new Error("department.exists", "该部门已存在。", "Name");
        }

        var department = new Department { Name = trimmed, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Departments.Add(department);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(by.UserName, "department.created", trimmed, null, by.Address, true, cancellationToken);
        return department;
    }
}
