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

    // Set by the confirmation form: the administrator has seen the year as it will be saved.
    [BindProperty]
    public bool Confirmed { get; set; }

    public EnterCalendarYear.Checked? Preview { get; private set; }
    public (int From, int To) EnterableYears => enter.Years();

    public IReadOnlyList<CalendarYearRow> Years { get; private set; } = [];
    public IReadOnlyList<int> MissingYears { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year = clock.GetUtcNow().UtcDateTime.ToChinaTime().Year + 1;
        await LoadAsync(cancellationToken);
    }

    // The first post shows the year as it would be saved; only the confirmed one saves it.
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Confirmed)
        {
            var check = enter.Check(Year, Basis, Lines);
            if (check.Succeeded)
            {
                Preview = check.Value;
            }

            return await ShowAsync(check.Errors, cancellationToken);
        }

        var entered = await enter.RunAsync(Year, Basis, Lines, User.Identity!.Name!, cancellationToken);
        if (!entered.Succeeded)
        {
            return await ShowAsync(entered.Errors, cancellationToken);
        }

        var result = entered.Value!;
        await audit.WriteAsync(User.Identity!.Name!, "calendar.year_entered", result.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"holidays {result.Holidays}, makeup {result.MakeupWorkdays}, cases recounted {result.Recounted}; {Basis}", HttpContext.ClientAddressText(), true, cancellationToken);
        Message = $"{result.Year} 年安排已保存：法定节假日 {result.Holidays} 天，调休上班日 {result.MakeupWorkdays} 天。"
            + (result.Recounted > 0 ? $"已按新安排重新计算 {result.Recounted} 件办件的暂定期限。" : "");
        return Redirect("/system/calendar");
    }

    private async Task<IActionResult> ShowAsync(IReadOnlyList<GovHall.Core.Error> errors, CancellationToken cancellationToken)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(string.Empty, error.Message);
        }

        await LoadAsync(cancellationToken);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var working = await calendar.LoadAsync(cancellationToken);
        Years = await years.ListAsync(working, cancellationToken);
        MissingYears = working.MissingYears(clock.GetUtcNow().UtcDateTime.ToChinaTime());
    }
}
