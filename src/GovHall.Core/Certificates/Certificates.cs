using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GovHall.Core.Cases;
using GovHall.Core.Codes;
using GovHall.Core.Documents;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Certificates;

// What a certificate says, signed as compact UTF-8 JSON (docs/certificates.md). Nothing in it
// is secret: the holder's ID number is masked.
public sealed record CertificatePayload(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("no")] string Number,
    [property: JsonPropertyName("type")] string Title,
    [property: JsonPropertyName("holder")] string Holder,
    [property: JsonPropertyName("holderId")] string? HolderId,
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("issuedOn")] string IssuedOn,
    [property: JsonPropertyName("validUntil")] string? ValidUntil,
    [property: JsonPropertyName("case")] string CaseNumber,
    [property: JsonPropertyName("item")] string ItemCode,
    [property: JsonPropertyName("fields")] IReadOnlyList<CertificateLine>? Fields = null,
    [property: JsonPropertyName("photo")] string? PhotoSha256 = null)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

// One line a certificate prints besides its holder (ItemResult.Fields), signed with it.
public sealed record CertificateLine(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("value")] string Value);

// The holder's photo printed on a certificate: the image and its SHA-256 (signed).
public sealed record CertificatePhoto(byte[] Image, string Sha256);

// The token in the QR code: key id, payload and DER signature, each base64url, joined by dots.
// It is everything needed to check the certificate without the hall.
public sealed record CertificateToken(string KeyId, byte[] Payload, byte[] Signature)
{
    public override string ToString() =>
        $"{KeyId}.{CertificateKeys.Base64Url(Payload)}.{CertificateKeys.Base64Url(Signature)}";

    public static CertificateToken? Parse(string? text)
    {
        var parts = (text ?? "").Trim().Split('.');
        if (parts.Length != 3 || parts[0].Length is 0 or > 40)
        {
            return null;
        }

        var payload = CertificateKeys.FromBase64Url(parts[1]);
        var signature = CertificateKeys.FromBase64Url(parts[2]);
        return payload is null || signature is null ? null : new CertificateToken(parts[0], payload, signature);
    }
}

// Document: the token is a letter's (通知书, 决定书), whose Number is its 文号.
public sealed record CertificateCheck(CertificateStatus Status, CertificatePayload? Payload, Certificate? Found, string Message, bool Document = false);

public sealed class CertificateService(HallDbContext db, CertificateKeys keys, CertificateSettings settings, StoreFile storeFile, TimeProvider clock)
{
    public static readonly Error Malformed = new("certificate.malformed", "这不是本厅签发的电子证照二维码内容，请检查后重试。", "t");
    public static readonly Error NotFound = Error.NotFound("certificate.not_found", "没有找到该电子证照。");
    public static readonly Error ReasonRequired = new("certificate.reason_required", "撤销电子证照必须填写理由。", "reason");
    public static readonly Error AlreadyRevoked = Error.Conflict("certificate.already_revoked", "该电子证照已被撤销。");

    public string Issuer => settings.Issuer;

    // Issues the certificate of a granted case: signs it, renders its PDF and adds both to the
    // context; the caller saves them in the same transaction as the decision.
    public async Task<(Certificate Certificate, StoredFile Pdf)> IssueAsync(
        Case granted, string title, DateOnly? validUntil, string baseUrl, string? holderId, IReadOnlyList<CertificateLine> lines, CertificatePhoto? photo,
        CancellationToken cancellationToken)
    {
        var number = TrackingCode.New().Value;
        var today = ChinaDate.Today(clock);
        var payload = new CertificatePayload(1, number, title, granted.ApplicantName,
            holderId is { Length: > 0 } id ? IdNumber.Mask(id) : null,
            settings.Issuer, Text(today), validUntil is { } until ? Text(until) : null, granted.CaseNumber, granted.ItemCode,
            lines.Count > 0 ? lines : null, photo?.Sha256);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, CertificatePayload.Json);
        var (keyId, signature) = keys.Sign(bytes);
        var certificate = new Certificate
        {
            Number = number,
            CaseId = granted.Id,
            CaseNumber = granted.CaseNumber,
            ItemCode = granted.ItemCode,
            Title = title,
            HolderName = granted.ApplicantName,
            HolderIdMasked = payload.HolderId,
            CreditCode = granted.CreditCode,
            AccountId = granted.AccountId,
            OrganizationId = granted.OrganizationId,
            Issuer = settings.Issuer,
            IssuedOn = today,
            ValidUntil = validUntil,
            KeyId = keyId,
            Payload = System.Text.Encoding.UTF8.GetString(bytes),
            Signature = CertificateKeys.Base64Url(signature),
        };
        var pdf = Render(certificate, VerifyUrl(baseUrl, certificate), payload.Fields ?? [], photo?.Image);
        var stored = await storeFile.RunAsync(pdf, cancellationToken);
        certificate.PdfSha256 = stored.Value!.Sha256;
        db.Certificates.Add(certificate);
        return (certificate, stored.Value);
    }

    // A letter issued on a case (通知书, 决定书) is signed as a certificate is, with the same keys:
    // its payload names its 文号 (as Number), title, party, bureau, date, case and item, and its QR
    // code opens the same verification, which finds a 文号 among the case documents.
    public string DocumentVerifyUrl(string baseUrl, CertificatePayload payload)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, CertificatePayload.Json);
        var (keyId, signature) = keys.Sign(bytes);
        return $"{baseUrl.TrimEnd('/')}/certificates/verify?t={new CertificateToken(keyId, bytes, signature)}";
    }

    public static CertificateToken TokenOf(Certificate certificate) =>
        new(certificate.KeyId, System.Text.Encoding.UTF8.GetBytes(certificate.Payload), CertificateKeys.FromBase64Url(certificate.Signature) ?? []);

    public static string VerifyUrl(string baseUrl, Certificate certificate) =>
        $"{baseUrl.TrimEnd('/')}/certificates/verify?t={TokenOf(certificate)}";

    // The signature first (a forged or altered payload is "invalid", whatever the database
    // says), then the hall's own record: revoked, expired or valid.
    public async Task<Result<CertificateCheck>> CheckTokenAsync(string? text, CancellationToken cancellationToken)
    {
        var token = CertificateToken.Parse(text);
        if (token is null)
        {
            return Malformed;
        }

        CertificatePayload? payload = null;
        try
        {
            payload = JsonSerializer.Deserialize<CertificatePayload>(token.Payload, CertificatePayload.Json);
        }
        catch (JsonException)
        {
        }

        if (!keys.Verify(token.KeyId, token.Payload, token.Signature) || payload is null)
        {
            return new CertificateCheck(CertificateStatus.Invalid, null, null, "签名校验失败：该证照内容被篡改或并非本局签发，请勿采信。");
        }

        var found = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Number == payload.Number, cancellationToken);
        if (found is null && await db.CaseDocuments.AnyAsync(d => d.Number == payload.Number, cancellationToken))
        {
            return new CertificateCheck(CertificateStatus.Valid, payload, null, $"有效：签名正确，{payload.Title}（{payload.Number}）由{payload.Issuer}出具，内容未被改动。", Document: true);
        }

        return Judge(found, payload);
    }

    public async Task<Result<CertificateCheck>> CheckNumberAsync(string? number, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(number, out var code))
        {
            return NotFound;
        }

        var found = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Number == code.Value, cancellationToken);
        if (found is null)
        {
            return NotFound;
        }

        // The stored record is checked like a token: a row altered in the database is invalid too.
        var token = TokenOf(found);
        if (!keys.Verify(token.KeyId, token.Payload, token.Signature))
        {
            return new CertificateCheck(CertificateStatus.Invalid, null, null, "签名校验失败：该证照记录与签发时不一致，请勿采信，并联系发证机关。");
        }

        return Judge(found, JsonSerializer.Deserialize<CertificatePayload>(found.Payload, CertificatePayload.Json));
    }

    // Revokes a certificate of a case the actor's department serves (the approval office
    // serves all); any other number is "not found" to them.
    public async Task<Result<Certificate>> RevokeAsync(string? number, string? reason, CaseActor actor, string approvalOffice, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return ReasonRequired;
        }

        var found = TrackingCode.TryParse(number, out var code)
            ? await db.Certificates.SingleOrDefaultAsync(c => c.Number == code.Value, cancellationToken)
            : null;
        var issuing = found is null ? null : await db.Cases.AsNoTracking().SingleAsync(c => c.Id == found.CaseId, cancellationToken);
        if (found is null || !CaseWorkflow.Serves(actor, issuing!, approvalOffice))
        {
            return NotFound;
        }

        if (found.RevokedAt is not null)
        {
            return AlreadyRevoked;
        }

        found.RevokedAt = clock.GetUtcNow().UtcDateTime;
        found.RevokedReason = reason.Trim();
        found.RevokedBy = actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return found;
    }

    private CertificateCheck Judge(Certificate? found, CertificatePayload? payload)
    {
        if (found is null)
        {
            // Correctly signed but unknown here: a certificate from another of the bureau's
            // systems sharing the key, or a database restored from before it was issued.
            return new CertificateCheck(CertificateStatus.Invalid, payload, null, "签名有效，但本厅没有该证照的记录，请向发证机关核实。");
        }

        if (found.RevokedAt is not null)
        {
            return new CertificateCheck(CertificateStatus.Revoked, payload, found,
                $"该证照已于 {ChinaDate.ToChinaTime(found.RevokedAt.Value):yyyy年M月d日} 被撤销：{found.RevokedReason}");
        }

        if (found.ValidUntil is { } until && until < ChinaDate.Today(clock))
        {
            return new CertificateCheck(CertificateStatus.Expired, payload, found, $"该证照已于 {until:yyyy年M月d日} 过期。");
        }

        return new CertificateCheck(CertificateStatus.Valid, payload, found, "有效：签名正确，证照未被撤销，且在有效期内。");
    }

    public static byte[] Render(Certificate certificate, string verifyUrl, IReadOnlyList<CertificateLine> lines, byte[]? photo)
    {
        using var pdf = new HallPdf(certificate.Title);
        pdf.QrTopRight(verifyUrl, "扫码核验真伪", 150);
        pdf.Move(20);
        pdf.Title(certificate.Title);
        pdf.Centered("电子证照");
        pdf.Move(40);
        if (photo is not null)
        {
            pdf.PhotoRight(photo, "持证人照片");
        }

        pdf.Field("证照编号", TrackingCode.Display(certificate.Number));
        pdf.Field("持证人", certificate.HolderName);
        foreach (var line in lines)
        {
            pdf.Field(line.Label, line.Value);
        }

        if (certificate.HolderIdMasked is { } id)
        {
            pdf.Field("身份证号", id);
        }

        if (certificate.CreditCode is { } credit)
        {
            pdf.Field("统一社会信用代码", credit);
        }

        pdf.Field("发证机关", certificate.Issuer);
        pdf.Field("发证日期", certificate.IssuedOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture));
        pdf.Field("有效期至", certificate.ValidUntil is { } until ? until.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : "长期");
        pdf.Field("办件编号", certificate.CaseNumber);
        pdf.Field("签名密钥", certificate.KeyId);
        pdf.Heading("核验说明");
        pdf.Paragraph("本证照由发证机关以电子签名（ECDSA P-256）签发。扫描右上角二维码可在线核验；"
            + "二维码中含有签名的证照内容，也可用发证机关公布的公钥离线核验（见核验页面的说明）。");
        return pdf.Save();
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
