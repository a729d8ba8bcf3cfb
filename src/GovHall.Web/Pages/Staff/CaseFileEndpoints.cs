using GovHall.Core.Accounts;
using GovHall.Core.Cases;
using GovHall.Core.Storage;
using GovHall.Web.Pages.Shared;

namespace GovHall.Web.Pages.Staff;

// The files the case page (Staff/Case) links to: the applicant's materials, viewed inline, and
// the case's notices and certificates.
public static class CaseFileEndpoints
{
    public static IEndpointRouteBuilder MapStaffCaseFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/cases/{code}/files/{id:guid}", StaffFileAsync).RequireAuthorization(Policies.Handling).ExcludeFromDescription();
        endpoints.MapGet("/staff/cases/{code}/documents/{id:guid}", StaffDocumentAsync).RequireAuthorization(Policies.Handling).ExcludeFromDescription();
        endpoints.MapGet("/staff/organizations/{organization:guid}/files/{id:guid}", OrganizationFileAsync).RequireAuthorization(Policies.Handling).ExcludeFromDescription();
        return endpoints;
    }

    // Each asks only whether the case may be seen, then reads the one row it serves.
    private static async Task<IResult> StaffFileAsync(string code, Guid id, HttpContext context, StaffCases cases, Departments departments, CaseFiles files, IFileStore store, CancellationToken cancellationToken)
    {
        var found = await cases.VisibleAsync(await context.User.StaffAsync(departments, cancellationToken), code, cancellationToken);
        var file = await files.MaterialAsync(found, id, cancellationToken);
        if (file is null || await store.OpenAsync(file.Sha256, cancellationToken) is not { } stream)
        {
            return Results.NotFound();
        }

        // Inline: the browser shows PDFs and images itself. The type is the one sniffed at upload.
        context.Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(file.FileName)}";
        return Results.Stream(stream, file.ContentType);
    }

    private static async Task<IResult> StaffDocumentAsync(string code, Guid id, HttpContext context, StaffCases cases, Departments departments, CaseFiles files, IFileStore store, CancellationToken cancellationToken)
    {
        var found = await cases.VisibleAsync(await context.User.StaffAsync(departments, cancellationToken), code, cancellationToken);
        return await CaseDocumentFile.ServeAsync(found, id, files, store, cancellationToken);
    }

    // An organisation's authorisation letter or licence, for the window clerks who review it.
    private static async Task<IResult> OrganizationFileAsync(
        Guid organization, Guid id, HttpContext context, OrganizationVerification verification, IFileStore store, CancellationToken cancellationToken)
    {
        if (!context.User.IsInRole(Roles.WindowClerk))
        {
            return Results.Forbid();
        }

        var document = await verification.DocumentAsync(organization, id, cancellationToken);
        if (document is null || await store.OpenAsync(document.Sha256, cancellationToken) is not { } stream)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(document.FileName)}";
        return Results.Stream(stream, document.ContentType);
    }
}
