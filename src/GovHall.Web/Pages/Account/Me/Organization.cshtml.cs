using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// One organisation, for its members only: to anyone else the address answers 404.
[RequestSizeLimit(45 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 45 * 1024 * 1024)]
public sealed class OrganizationModel(
    Organizations organizations, OrganizationVerification verification, UserManager<GovHall.Core.Accounts.Account> users, AuditLog audit,
    LegalPersonIdentityOptions legalPerson) : PageModel
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

    // The administrator of a pending (or refused) organisation sends the authorisation letter
    // and the licence for staff to review.
    public async Task<IActionResult> OnPostVerifyAsync(IFormFile? letter, IFormFile? licence, CancellationToken cancellationToken)
    {
        var account = await LoadAsync(cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        var sent = await verification.SendForReviewAsync(Id, account, await ReadAsync(letter, cancellationToken), await ReadAsync(licence, cancellationToken), cancellationToken);
        if (!sent.Succeeded)
        {
            if (sent.Errors[0].Kind == ErrorKind.Forbidden)
            {
                return Forbid();
            }

            foreach (var error in sent.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await audit.WriteAsync(account.UserName!, "organization.sent_for_review", Current.CreditCode, null, HttpContext.ClientAddressText(), true, cancellationToken);
        Message = "授权委托书和证照已提交，工作人员审核后会通知您。";
        return Redirect($"/account/me/organizations/{Id}");
    }

    public LegalPersonIdentityOptions LegalPerson => legalPerson;

    // Verification by signing in at the legal persons' identity: out to the provider ...
    public async Task<IActionResult> OnPostLegalPersonAsync(CancellationToken cancellationToken)
    {
        if (!legalPerson.Enabled || await LoadAsync(cancellationToken) is null)
        {
            return NotFound();
        }

        var properties = new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = $"/account/me/organizations/{Id}?handler=LegalPersonDone" };
        properties.Items["organization"] = Id.ToString();
        return Challenge(properties, LegalPersonIdentityOptions.Scheme);
    }

    // ... and back: the credit code and legal representative it vouches for.
    public async Task<IActionResult> OnGetLegalPersonDoneAsync(CancellationToken cancellationToken)
    {
        var account = await LoadAsync(cancellationToken);
        var outside = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (account is null)
        {
            return NotFound();
        }

        if (!outside.Succeeded || outside.Principal is null)
        {
            return LegalPersonProblem("法人一证通登录没有完成，请重试。");
        }

        var verified = await verification.VerifyByIdentityAsync(Id, account,
            outside.Principal.FindFirst(legalPerson.CreditCodeClaim)?.Value, outside.Principal.FindFirst(legalPerson.LegalRepresentativeClaim)?.Value, cancellationToken);
        await audit.WriteAsync(account.UserName!, "organization.legal_person_identity", Current.CreditCode,
            verified.Succeeded ? null : verified.Errors[0].Code, HttpContext.ClientAddressText(), verified.Succeeded, cancellationToken);
        if (!verified.Succeeded)
        {
            return verified.Errors[0].Kind == ErrorKind.Forbidden ? Forbid() : LegalPersonProblem(verified.Errors[0].Message);
        }

        Message = "已通过法人一证通核验，现在可以以单位名义办理事项、添加经办人。";
        return Redirect($"/account/me/organizations/{Id}");
    }

    public async Task<IActionResult> OnGetLegalPersonFailedAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is null ? NotFound() : LegalPersonProblem("法人一证通登录没有完成（可能已取消或超时），请重试。");

    private PageResult LegalPersonProblem(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static async Task<OrganizationVerification.Upload?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return new OrganizationVerification.Upload(file.FileName, buffer.ToArray());
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

    public static string StatusLabel(OrganizationStatus status) => status switch
    {
        OrganizationStatus.Verified => "已核验",
        OrganizationStatus.UnderReview => "审核中",
        OrganizationStatus.Refused => "未通过",
        _ => "待核验",
    };
}
