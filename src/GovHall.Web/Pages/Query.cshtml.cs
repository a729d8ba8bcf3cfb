using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages;

// 一码查询: anyone with the code sees where a case stands; with the last four digits of the
// applicant's phone, the whole timeline. Rate limited per address (RateLimits.CaseQuery).
public sealed class QueryModel(CaseStatusQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Phone4 { get; set; }

    public CaseStatus? Found { get; private set; }
    public string? Problem { get; private set; }

    // A guessing limit stopped the digits: the owner may prove the phone with a code instead.
    public bool Locked { get; private set; }

    // The page's form posts, so the phone's digits stay out of the address and the browser's
    // history (a shared computer in the hall); a link with the code alone (the receipt's QR
    // code) is a GET.
    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => QueryAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => QueryAsync(cancellationToken);

    private async Task<IActionResult> QueryAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }

        Phone4 = CaseStatusQuery.Last4AsTyped(Phone4);
        if (!string.IsNullOrEmpty(Phone4) && !CaseStatusQuery.IsPhoneLast4(Phone4))
        {
            Problem = "手机号后四位应为 4 位数字。";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var found = await query.FindAsync(Code, Phone4, HttpContext.ClientAddressText(), cancellationToken);
        if (found.Succeeded)
        {
            Found = found.Value;
        }
        else
        {
            Problem = found.Errors[0].Message;
            Locked = found.Errors[0].Kind == GovHall.Core.ErrorKind.TooMany;
            Response.StatusCode = found.Errors[0].Kind == GovHall.Core.ErrorKind.TooMany ? StatusCodes.Status429TooManyRequests : StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
