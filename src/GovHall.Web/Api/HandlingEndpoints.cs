using GovHall.Core;
using GovHall.Core.Cases;
using GovHall.Core.Certificates;
using GovHall.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Api;

// Files of the handling side: materials viewed inline by staff, notices and certificates for
// staff and for the applicant, and the public certificate verification API with its keys
// (docs/certificates.md).
public static class HandlingEndpoints
{
    public sealed record VerifyResponse(
        string Status, string Message, string? Number, string? Title, string? Holder, string? HolderId, string? Issuer,
        string? IssuedOn, string? ValidUntil, string? KeyId);

    public sealed record KeyResponse(string KeyId, string Algorithm, bool Active, string PublicKeyPem, string Kty, string Crv, string X, string Y);

    public sealed record KeysResponse(IReadOnlyList<KeyResponse> Keys);

    public static IEndpointRouteBuilder MapHandlingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/cases/{code}/files/{id:guid}", StaffFileAsync).RequireAuthorization(Policies.Handling).ExcludeFromDescription();
        endpoints.MapGet("/staff/cases/{code}/documents/{id:guid}", StaffDocumentAsync).RequireAuthorization(Policies.Handling).ExcludeFromDescription();
        endpoints.MapGet("/account/me/cases/{code}/documents/{id:guid}", MyDocumentAsync).RequireAuthorization(Policies.Person).ExcludeFromDescription();
        endpoints.MapGet("/api/v1/certificates/verify", VerifyAsync).WithTags("Certificates").AllowAnonymous().RequireRateLimiting(RateLimits.CaseQuery)
            .WithName("VerifyCertificate")
            .WithSummary("Checks a certificate token (the text in its QR code): valid, revoked, expired or invalid (a bad signature).");
        endpoints.MapGet("/api/v1/certificates/keys", Keys).WithTags("Certificates").AllowAnonymous()
            .WithName("CertificateKeys").WithSummary("The bureau's public keys for certificate signatures (ECDSA P-256), by key id.");
        return endpoints;
    }

    // Each asks only whether the case may be seen, then reads the one row it serves.
    private static async Task<IResult> StaffFileAsync(string code, Guid id, HttpContext context, StaffCases cases, HallDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        var found = await cases.VisibleAsync(await context.User.StaffAsync(db, cancellationToken), code, cancellationToken);
        var file = found is null ? null : await db.CaseFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.CaseId == found.Id, cancellationToken);
        if (file is null || await store.OpenAsync(file.Sha256, cancellationToken) is not { } stream)
        {
            return Results.NotFound();
        }

        // Inline: the browser shows PDFs and images itself. The type is the one sniffed at upload.
        context.Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(file.FileName)}";
        return Results.Stream(stream, file.ContentType);
    }

    private static async Task<IResult> StaffDocumentAsync(string code, Guid id, HttpContext context, StaffCases cases, HallDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        var found = await cases.VisibleAsync(await context.User.StaffAsync(db, cancellationToken), code, cancellationToken);
        return await DocumentAsync(found, id, db, store, cancellationToken);
    }

    private static async Task<IResult> MyDocumentAsync(string code, Guid id, HttpContext context, MyCases cases, HallDbContext db, IFileStore store, CancellationToken cancellationToken) =>
        await DocumentAsync(await cases.CaseAsync(context.User.AccountId(), code, cancellationToken), id, db, store, cancellationToken);

    private static async Task<IResult> DocumentAsync(Case? found, Guid id, HallDbContext db, IFileStore store, CancellationToken cancellationToken)
    {
        var document = found is null ? null : await db.CaseDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CaseId == found.Id, cancellationToken);
        return document is null || await store.OpenAsync(document.Sha256, cancellationToken) is not { } stream
            ? Results.NotFound()
            : Results.Stream(stream, "application/pdf", document.FileName);
    }

    private static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> VerifyAsync(string? t, CertificateService certificates, CancellationToken cancellationToken)
    {
        var checkedToken = await certificates.CheckTokenAsync(t, cancellationToken);
        if (!checkedToken.Succeeded)
        {
            return Problems.From(checkedToken.Errors[0]);
        }

        var (status, payload, found, message) = checkedToken.Value!;
        return TypedResults.Ok(new VerifyResponse(
            status.ToString().ToLowerInvariant(), message, payload?.Number, payload?.Title, payload?.Holder, payload?.HolderId,
            payload?.Issuer, payload?.IssuedOn, payload?.ValidUntil, found?.KeyId));
    }

    private static Ok<KeysResponse> Keys(CertificateKeys keys) => TypedResults.Ok(new KeysResponse(
        keys.Published().Select(k => new KeyResponse(k.KeyId, "ES256", k.Active, k.PublicKeyPem, "EC", "P-256", k.X, k.Y)).ToList()));
}
