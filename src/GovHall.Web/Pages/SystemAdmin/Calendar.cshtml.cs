using GovHall.Core.Audit;
using GovHall.Core.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.SystemAdmin;

public sealed class CalendarModel(WorkCalendar calendar, CalendarYears years, EnterCalendarYear enter, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public int Year { get; set; }

    [BindProperty]
    public string? Basis { get; set; }

    [BindProperty]
    public string? Lines { get; set; }

    public IReadOnlyList<CalendarYearRow> Years { get; private set; } = [];
    public IReadOnlyList<int> MissingYears { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year = clock.GetUtcNow().UtcDateTime.ToChinaTime().Year + 1;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var entered = await enter.RunAsync(Year, Basis, Lines, User.Identity!.Name!, cancellationToken);
        if (!entered.Succeeded)
        {
            foreach (var error in entered.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Message);
            }

            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = entered.Value!;
        await audit.WriteAsync(User.Identity!.Name!, "calendar.year_entered", result.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"holidays {result.Holidays}, makeup {result.MakeupWorkdays}; {Basis}", HttpContext.ClientAddressText(), true, cancellationToken);
        Message = $"{result.Year} 年安排已保存：法定节假日 {result.Holidays} 天，调休上班日 {result.MakeupWorkdays} 天。";
        return Redirect("/system/calendar");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var working = await calendar.LoadAsync(cancellationToken);
        Years = await years.ListAsync(working, cancellationToken);
        MissingYears = working.MissingYears(clock.GetUtcNow().UtcDateTime.ToChinaTime());
    }
}
