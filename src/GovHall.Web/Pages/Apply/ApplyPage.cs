using GovHall.Core;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Apply;

// Shared by the application pages: who is signed in, and errors shown in place.
public abstract class ApplyPage : PageModel
{
    protected Guid AccountId => User.AccountId();

    protected void Show(IEnumerable<Error> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
        }
    }

    protected static ModelStateDictionary Empty => new();
}
