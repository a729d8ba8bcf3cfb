using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// One organisation, for its members only: to anyone else the address answers 404.
public sealed class OrganizationModel(Organizations organizations, UserManager<GovHall.Core.Accounts.Account> users, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(50)]
    public string? AgentName { get; set; }

    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(30)]
    public string? AgentIdNumber { get; set; }

    [BindProperty]
    public Guid AgentId { get; set; }

    public GovHall.Core.Accounts.Organization Current { get; private set; } = null!;
    public bool IsAdministrator { get; private set; }
    public IReadOnlyList<Organizations.MemberView> Members { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var account = await LoadAsync(cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        var added = await organizations.AddAgentAsync(Id, account, AgentIdNumber, AgentName, cancellationToken);
        return await AfterAsync(account, added, "organization.agent_added", "已添加经办人。", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        var account = await LoadAsync(cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        var removed = await organizations.RemoveAgentAsync(Id, account, AgentId, cancellationToken);
        return await AfterAsync(account, removed, "organization.agent_removed", "已移除经办人。", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(GovHall.Core.Accounts.Account account, Result<GovHall.Core.Accounts.Account> result, string action, string message, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            var error = result.Errors[0];
            if (error.Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
            await audit.WriteAsync(account.UserName!, action + "_refused", Current.CreditCode, error.Code, HttpContext.ClientAddressText(), false, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await audit.WriteAsync(account.UserName!, action, Current.CreditCode, result.Value!.UserName, HttpContext.ClientAddressText(), true, cancellationToken);
        Message = message;
        return Redirect($"/account/me/organizations/{Id}");
    }

    private async Task<GovHall.Core.Accounts.Account?> LoadAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return null;
        }

        var membership = await organizations.OfMemberAsync(Id, account.Id, cancellationToken);
        if (!membership.Succeeded)
        {
            return null;
        }

        (Current, var role) = membership.Value;
        IsAdministrator = role == MemberRole.Administrator;
        Members = await organizations.MembersAsync(Id, cancellationToken);
        return account;
    }
}
