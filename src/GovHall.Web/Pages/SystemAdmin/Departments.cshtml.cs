using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.SystemAdmin;

public sealed class DepartmentsModel(HallDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = (Name ?? "").Trim();
        if (name.Length is < 2 or > 50)
        {
            ModelState.AddModelError(nameof(Name), "部门名称应为 2 至 50 个字。");
        }
        else if (await db.Departments.AnyAsync(d => d.Name == name, cancellationToken))
        {
            ModelState.AddModelError(nameof(Name), "该部门已存在。");
        }

        if (!ModelState.IsValid)
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }

        db.Departments.Add(new Department { Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(User.Identity!.Name!, "department.created", name, null, HttpContext.ClientAddressText(), true, cancellationToken);
        return Redirect("/system/departments");
    }
}
