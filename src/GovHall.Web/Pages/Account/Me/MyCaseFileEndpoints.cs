using GovHall.Core.Cases;
using GovHall.Core.Storage;
using GovHall.Web.Api;
using GovHall.Web.Pages.Shared;

namespace GovHall.Web.Pages.Account.Me;

// The files 我的办件 (Account/Me/Case) links to: the receipt and the case's notices and
// certificates, of the signed-in applicant's own cases only.
public static class MyCaseFileEndpoints
{
    public static IEndpointRouteBuilder MapMyCaseFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/account/me/cases/{code}/receipt.pdf", MyReceiptAsync).RequireAuthorization(Policies.Person).ExcludeFromDescription();
        endpoints.MapGet("/account/me/cases/{code}/documents/{id:guid}", MyDocumentAsync).RequireAuthorization(Policies.Person).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> MyReceiptAsync(string code, HttpContext context, MyCases cases, CaseReceipt receipt, CancellationToken cancellationToken)
    {
        if (await cases.CaseAsync(context.User.AccountId(), code, cancellationToken) is not { } mine)
        {
            return Results.NotFound();
        }

        return Results.File(await receipt.RenderAsync(mine, CasesApi.QueryUrl(context.Request, mine.TrackingCode), cancellationToken), "application/pdf", $"材料接收凭证-{mine.TrackingCode}.pdf");
    }

    private static async Task<IResult> MyDocumentAsync(string code, Guid id, HttpContext context, MyCases cases, CaseFiles files, IFileStore store, CancellationToken cancellationToken) =>
        await CaseDocumentFile.ServeAsync(await cases.CaseAsync(context.User.AccountId(), code, cancellationToken), id, files, store, cancellationToken);
}
