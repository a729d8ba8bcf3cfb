using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Calendar;
using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Staff;

// The workbench queue: the cases waiting for my roles in my department, least time left first,
// with yellow and red warnings.
public sealed class IndexModel(StaffCases cases, Departments departments, WorkCalendar calendar, TimeProvider clock) : PageModel
{
    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];
    public CaseActor Actor { get; private set; } = null!;
    public IReadOnlyList<int> MissingYears { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Warning { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public bool Supervises => Actor.Roles.Contains(Roles.Supervisor);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Actor = await User.StaffAsync(departments, cancellationToken);
        Rows = await cases.QueueAsync(Actor, new QueueFilter(Stage, Warning, Q, All), cancellationToken);
        MissingYears = (await calendar.LoadAsync(cancellationToken)).MissingYears(ChinaDate.ToChinaTime(clock.GetUtcNow().UtcDateTime));
    }
}
