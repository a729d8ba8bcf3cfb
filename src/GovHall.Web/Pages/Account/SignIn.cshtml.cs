using System.ComponentModel.DataAnnotations;
using GovHall.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class SignInModel(SignInManager<GovHall.Core.Accounts.Account> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "请输入用户名。"), StringLength(100)]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "请输入密码。"), StringLength(200), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        // The same answer whether the account exists, the password is wrong or it is locked.
        ModelState.AddModelError(string.Empty, "用户名或密码不正确，或账号暂时被锁定。请稍后再试。");
        return Page();
    }
}
