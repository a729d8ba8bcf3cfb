using GovHall.Core.Certificates;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovHall.Web.Api;

// The public certificate verification API with the bureau's keys (docs/certificates.md).
public static class CertificatesApi
{
    public sealed record VerifyResponse(
        string Status, string Message, string? Number, string? Title, string? Holder, string? HolderId, string? Issuer,
        string? IssuedOn, string? ValidUntil, string? KeyId);

    public sealed record KeyResponse(string KeyId, string Algorithm, bool Active, string PublicKeyPem, string Kty, string Crv, string X, string Y);

    public sealed record KeysResponse(IReadOnlyList<KeyResponse> Keys);

    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/certificates/verify", VerifyAsync).WithTags("Certificates").AllowAnonymous().RequireRateLimiting(RateLimits.CaseQuery)
            .WithName("VerifyCertificate")
            .WithSummary("Checks a certificate token (the text in its QR code): valid, revoked, expired or invalid (a bad signature).");
        endpoints.MapGet("/api/v1/certificates/keys", Keys).WithTags("Certificates").AllowAnonymous()
            .WithName("CertificateKeys").WithSummary("The bureau's public keys for certificate signatures (ECDSA P-256), by key id.");
        return endpoints;
    }

    private static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> VerifyAsync(string? t, CertificateService certificates, CancellationToken cancellationToken)
    {
        var checkedToken = await certificates.CheckTokenAsync(t, cancellationToken);
        if (!checkedToken.Succeeded)
        {
            return Problems.From(checkedToken.Errors[0]);
        }

        var (status, payload, found, message, _) = checkedToken.Value!;
        return TypedResults.Ok(new VerifyResponse(
            status.ToString().ToLowerInvariant(), message, payload?.Number, payload?.Title, payload?.Holder, payload?.HolderId,
            payload?.Issuer, payload?.IssuedOn, payload?.ValidUntil, found?.KeyId));
    }

    private static Ok<KeysResponse> Keys(CertificateKeys keys) => TypedResults.Ok(new KeysResponse(
        keys.Published().Select(k => new KeyResponse(k.KeyId, "ES256", k.Active, k.PublicKeyPem, "EC", "P-256", k.X, k.Y)).ToList()));
}
