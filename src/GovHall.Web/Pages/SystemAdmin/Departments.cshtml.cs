using GovHall.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.SystemAdmin;

public sealed class DepartmentsModel(GovHall.Core.Accounts.Departments departments, CreateDepartment create) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<Department> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Departments = await departments.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var created = await create.RunAsync(Name, new StaffAdministrator(User.AccountId(), User.Identity!.Name!, HttpContext.ClientAddressText()), cancellationToken);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
            }

            await OnGetAsync(cancellationToken);
            return Page();
        }

        return Redirect("/system/departments");
    }
}
