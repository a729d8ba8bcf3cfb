using GovHall.Core.Notifications;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Accounts;

// An institution the bureau already holds (until the institution registry is built: a list
// staff import). A registration with its credit code and legal representative is verified at once.
public sealed class KnownInstitution
{
    public required string CreditCode { get; init; }
    public required string Name { get; set; }
    public required string LegalRepresentative { get; set; }
    public DateTime ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
}

public enum OrganizationDocumentKind { AuthorisationLetter, Licence }

// A file an organisation's administrator sent for verification: the 授权委托书 or the licence.
public sealed class OrganizationDocument
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public OrganizationDocumentKind Kind { get; init; }
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public required string ContentType { get; init; }
    public long Length { get; init; }
    public DateTime UploadedAt { get; init; }

    public static string Label(OrganizationDocumentKind kind) => kind == OrganizationDocumentKind.AuthorisationLetter ? "授权委托书" : "营业执照或办学许可证";
}

internal sealed class KnownInstitutionConfiguration : IEntityTypeConfiguration<KnownInstitution>
{
    public void Configure(EntityTypeBuilder<KnownInstitution> builder)
    {
        builder.ToTable("known_institutions");
        builder.HasKey(k => k.CreditCode);
        builder.Property(k => k.CreditCode).HasMaxLength(18);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.LegalRepresentative).HasMaxLength(50);
        builder.Property(k => k.ImportedBy).HasMaxLength(100);
    }
}

internal sealed class OrganizationDocumentConfiguration : IEntityTypeConfiguration<OrganizationDocument>
{
    public void Configure(EntityTypeBuilder<OrganizationDocument> builder)
    {
        builder.ToTable("organization_documents");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.OrganizationId, d.UploadedAt });
        builder.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.ContentType).HasMaxLength(100);
    }
}

// Verifying that the person who registered an organisation represents it: by the bureau's list
// (at registration, Organizations.RegisterAsync), or by staff who review the authorisation
// letter and the licence the administrator sends, in a queue, with a reason when they refuse;
// the administrator is told either way (站内信 and mail).
public sealed class OrganizationVerification(HallDbContext db, StoreFile storeFile, Notifier notifier, TimeProvider clock)
{
    public sealed record Upload(string? FileName, byte[] Content);

    public sealed record Review(Organization Organization, string Administrator, IReadOnlyList<OrganizationDocument> Documents);

    public static readonly Error NotReviewable = Error.Conflict("organization.not_under_review", "该单位不在待审核状态，可能已由他人审核。");
    public static readonly Error RefusalReason = new("organization.refusal_reason", "不予通过时，请写明原因（500 字以内），以便申请人补正。", "Reason");

    // The administrator sends the two documents; a pending or refused organisation goes to review.
    public async Task<Result<Organization>> SendForReviewAsync(Guid organizationId, Account administrator, Upload? letter, Upload? licence, CancellationToken cancellationToken)
    {
        var member = await db.OrganizationMembers.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.AccountId == administrator.Id, cancellationToken);
        var organization = member is null ? null : await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return Organizations.NotFound;
        }

        if (member!.Role != MemberRole.Administrator)
        {
            return Organizations.NotAdministrator;
        }

        if (organization.Status is OrganizationStatus.Verified or OrganizationStatus.UnderReview)
        {
            return Error.Conflict("organization.review_not_needed", organization.Status == OrganizationStatus.Verified ? "该单位已通过核验。" : "材料已提交，正在审核，请耐心等待。");
        }

        var errors = new ErrorList();
        foreach (var (kind, upload) in new[] { (OrganizationDocumentKind.AuthorisationLetter, letter), (OrganizationDocumentKind.Licence, licence) })
        {
            var label = OrganizationDocument.Label(kind);
            var field = kind.ToString();
            if (upload is not { Content.Length: > 0 })
            {
                errors.Add(new Error("organization.document_missing", $"请上传{label}（PDF、JPG 或 PNG）。", field));
            }
            else if (upload.FileName is not { Length: > 0 and <= 200 } name || FileNames.HasHiddenCharacters(name))
            {
                errors.Add(new Error("file.bad_name", $"{label}的文件名含有不可见或控制字符，请改名后再上传。", field));
            }
            else if (upload.Content.Length > StoreFile.MaxLength)
            {
                errors.Add(new Error("file.too_large", $"{label}不能超过 20 MB。", field));
            }
            else if (FileSniffer.ContentTypeOf(upload.Content) is not ("application/pdf" or "image/jpeg" or "image/png"))
            {
                errors.Add(new Error("file.type", $"{label}应为 PDF、JPG 或 PNG 文件。", field));
            }
        }

        if (errors.Count > 0)
        {
            return Result<Organization>.Fail(errors.ToList());
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (kind, upload) in new[] { (OrganizationDocumentKind.AuthorisationLetter, letter!), (OrganizationDocumentKind.Licence, licence!) })
        {
            var stored = await storeFile.RunAsync(upload.Content, cancellationToken);
            if (!stored.Succeeded)
            {
                return Result<Organization>.Fail(stored.Errors);
            }

            db.OrganizationDocuments.Add(new OrganizationDocument
            {
                OrganizationId = organization.Id, Kind = kind, FileName = Path.GetFileName(upload.FileName!), Sha256 = stored.Value!.Sha256,
                ContentType = stored.Value.ContentType, Length = stored.Value.Length, UploadedAt = now,
            });
        }

        organization.Status = OrganizationStatus.UnderReview;
        organization.ReviewNote = null;
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }

    // The administrator signed in at the legal persons' identity (法人一证通): the credit code and
    // legal representative it vouches for verify the organisation when they match its own.
    public async Task<Result<Organization>> VerifyByIdentityAsync(
        Guid organizationId, Account administrator, string? creditCode, string? legalRepresentative, CancellationToken cancellationToken)
    {
        var member = await db.OrganizationMembers.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.AccountId == administrator.Id, cancellationToken);
        var organization = member is null ? null : await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return Organizations.NotFound;
        }

        if (member!.Role != MemberRole.Administrator)
        {
            return Organizations.NotAdministrator;
        }

        if (organization.Status == OrganizationStatus.Verified)
        {
            return organization;
        }

        if (!string.Equals(creditCode?.Trim(), organization.CreditCode, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(legalRepresentative?.Trim(), organization.LegalRepresentative, StringComparison.Ordinal))
        {
            return new Error("organization.identity_mismatch",
                "法人一证通登录的单位与登记信息不符（统一社会信用代码或法定代表人不同），未能核验。请核对登记信息，或上传授权委托书由窗口审核。");
        }

        organization.Status = OrganizationStatus.Verified;
        organization.VerifiedAt = clock.GetUtcNow().UtcDateTime;
        organization.VerifiedBy = "legal-person identity";
        organization.ReviewNote = null;
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }

    // The review queue, oldest first.
    public async Task<IReadOnlyList<Organization>> QueueAsync(CancellationToken cancellationToken) =>
        (await db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.UnderReview).ToListAsync(cancellationToken))
            .OrderBy(o => o.CreatedAt).ToList();

    public async Task<Review?> FindAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return null;
        }

        var administrator = await (from m in db.OrganizationMembers.AsNoTracking()
                                   where m.OrganizationId == organizationId && m.Role == MemberRole.Administrator
                                   join a in db.Users.AsNoTracking() on m.AccountId equals a.Id
                                   select a.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var documents = (await db.OrganizationDocuments.AsNoTracking().Where(d => d.OrganizationId == organizationId).ToListAsync(cancellationToken))
            .OrderByDescending(d => d.UploadedAt).ThenBy(d => d.Kind).ToList();
        return new Review(organization, administrator ?? "—", documents);
    }

    public Task<OrganizationDocument?> DocumentAsync(Guid organizationId, Guid documentId, CancellationToken cancellationToken) =>
        db.OrganizationDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.OrganizationId == organizationId, cancellationToken);

    // Staff decide: verified, or refused with a reason. One decision per review (a second
    // reviewer finds it decided); the administrator is told in the same commit.
    public async Task<Result<Organization>> DecideAsync(Guid organizationId, string reviewer, bool approve, string? reason, CancellationToken cancellationToken)
    {
        var note = reason?.Trim();
        if (!approve && note is not { Length: > 0 and <= 500 })
        {
            return RefusalReason;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var status = approve ? OrganizationStatus.Verified : OrganizationStatus.Refused;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Organizations.Where(o => o.Id == organizationId && o.Status == OrganizationStatus.UnderReview).ExecuteUpdateAsync(set => set
            .SetProperty(o => o.Status, status).SetProperty(o => o.VerifiedAt, approve ? now : null)
            .SetProperty(o => o.VerifiedBy, reviewer).SetProperty(o => o.ReviewNote, approve ? null : note), cancellationToken);
        if (changed != 1)
        {
            return NotReviewable;
        }

        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
        var administrators = await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.Role == MemberRole.Administrator).Select(m => m.AccountId).ToListAsync(cancellationToken);
        foreach (var administrator in administrators)
        {
            await notifier.QueueAsync(new Notifier.Recipient(administrator), approve ? NotificationKind.OrganizationVerified : NotificationKind.OrganizationRefused,
                new Dictionary<string, string> { ["organization"] = organization.Name, ["reason"] = note ?? "" },
                $"organization:{organizationId:N}:{now:yyyyMMddHHmmssfff}:{administrator:N}", null, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return organization;
    }

    // The bureau's list of institutions, as lines "统一社会信用代码,单位名称,法定代表人" (a header
    // line, if any, is skipped). Every line is checked first; with any problem nothing is saved.
    public async Task<Result<int>> ImportAsync(string? text, string importedBy, CancellationToken cancellationToken)
    {
        var errors = new ErrorList();
        var rows = new Dictionary<string, (string Name, string Representative)>(StringComparer.Ordinal);
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || (i == 0 && line.StartsWith("统一社会信用代码", StringComparison.Ordinal)))
            {
                continue;
            }

            var parts = line.Split([',', '，', '\t']).Select(p => p.Trim()).ToArray();
            var code = parts[0].ToUpperInvariant();
            if (parts.Length != 3 || Codes.CreditCode.Check(code) != Codes.CodeCheck.Valid || parts[1].Length is < 2 or > 100 || parts[2].Length is < 2 or > 50)
            {
                errors.Add(new Error("institutions.line", $"第 {i + 1} 行：应为“统一社会信用代码,单位名称,法定代表人”，且信用代码正确。"));
                continue;
            }

            if (!rows.TryAdd(code, (parts[1], parts[2])))
            {
                errors.Add(new Error("institutions.duplicate", $"第 {i + 1} 行：统一社会信用代码 {code} 重复。"));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new Error("institutions.empty", "没有可导入的单位。"));
        }

        if (errors.Count > 0)
        {
            return Result<int>.Fail(errors.ToList());
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var codes = rows.Keys.ToList();
        var existing = await db.KnownInstitutions.Where(k => codes.Contains(k.CreditCode)).ToDictionaryAsync(k => k.CreditCode, cancellationToken);
        foreach (var (code, (name, representative)) in rows)
        {
            if (existing.TryGetValue(code, out var known))
            {
                (known.Name, known.LegalRepresentative, known.ImportedAt, known.ImportedBy) = (name, representative, now, importedBy);
            }
            else
            {
                db.KnownInstitutions.Add(new KnownInstitution { CreditCode = code, Name = name, LegalRepresentative = representative, ImportedAt = now, ImportedBy = importedBy });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    public Task<int> KnownCountAsync(CancellationToken cancellationToken) => db.KnownInstitutions.CountAsync(cancellationToken);
}
