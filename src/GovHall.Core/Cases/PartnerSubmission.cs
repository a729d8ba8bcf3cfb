using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using GovHall.Core.Codes;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// The body of POST /api/v1/cases (docs/partner-api.md).
public sealed class PartnerCaseRequest
{
    public string? ItemCode { get; set; }
    public string? Situation { get; set; }
    public PartnerApplicant? Applicant { get; set; }
    [System.Text.Json.Serialization.JsonConverter(typeof(UniqueMembersObject))]
    public JsonObject? Answers { get; set; }
    public List<PartnerFile>? Files { get; set; }

    // The applicant signed, on the partner's own pages, the declarations the situation asks to
    // be signed online (materials with providedOnline Declaration); required only then.
    public bool? Declared { get; set; }
}

public sealed class PartnerApplicant
{
    public ApplicantType? Type { get; set; }
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? OrganizationName { get; set; }
    public string? CreditCode { get; set; }
}

public sealed class PartnerFile
{
    public string? Material { get; set; }
    public string? FileName { get; set; }
    // Decoded from base64 straight out of the JSON (no 270 KB string per file); text that is not
    // base64 reads as null and is refused with a message.
    [System.Text.Json.Serialization.JsonConverter(typeof(LenientBase64))]
    public byte[]? ContentBase64 { get; set; }
}

// A case submitted by a partner system (the district hall) for an applicant it has identified:
// the same checks as the pages, every file checked before any is stored, and one case per
// Idempotency-Key. The case joins a local account only when that account's ID number was
// verified, so nobody sees a case by registering someone else's ID number.
public sealed class PartnerSubmission(HallDbContext db, AccountLookup lookup, IFileStore fileStore, SubmitApplication submit, TimeProvider clock)
{
    public const int MaxKeyLength = 100;

    public async Task<Result<Submitted>> RunAsync(PartnerCaseRequest request, string clientId, string clientName, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxKeyLength || idempotencyKey.Any(char.IsControl))
        {
            return new Error("idempotency.key_missing", $"请在 Idempotency-Key 请求头中给出本次提交的唯一键（1 至 {MaxKeyLength} 个字符）。");
        }

        var errors = new List<Error>();
        var applicant = await ApplicantOfAsync(request.Applicant, errors, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.ItemCode))
        {
            errors.Add(new Error("item.missing", "请给出事项编码 itemCode。", "itemCode"));
        }

        var decoded = new List<(PartnerFile File, HashedBytes Content)>();
        foreach (var (file, index) in (request.Files ?? []).Select((f, i) => (f, i)))
        {
            if (file?.ContentBase64 is { } bytes)
            {
                decoded.Add((file, HashedBytes.Of(bytes)));
            }
            else
            {
                errors.Add(new Error("file.bad_encoding", $"第 {index + 1} 个文件的 contentBase64 缺失或不是有效的 Base64。", $"files[{index}]"));
            }
        }

        if (errors.Count > 0)
        {
            return Result<Submitted>.Fail(errors);
        }

        // Each file is hashed once; a retry of a submission already made is answered from
        // its case, whatever has happened to the item since.
        var key = KeyOf(clientId, idempotencyKey);
        var given = decoded.Select(d => new SubmittedFile(d.File.Material ?? "", d.File.FileName ?? "", d.Content.Sha256, FileSniffer.ContentTypeOf(d.Content.Bytes), d.Content.Length)).ToList();
        var submission = new Submission(request.ItemCode!, request.Situation ?? "", applicant!, request.Answers ?? [], given, CaseChannel.Partner, key, clientName, clientId);
        if (await submit.ReplayAsync(submission, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var found = await ItemQueries.CurrentAsync(db, request.ItemCode!, cancellationToken);
        if (!found.Succeeded)
        {
            return SubmitApplication.Unavailable(found.Errors[0]);
        }

        // Every file is checked before any is stored, and the application as a whole too; an
        // item, applicant or situation that stops it is said alone, not with every file.
        var published = found.Value!;
        if (SubmitApplication.Blocking(published.Content, submission) is { } blocked)
        {
            return blocked;
        }

        // A receipt lists a declaration signed online as received: the partner says it was.
        var materials = CaseMaterials.For(published.Content, submission.Situation);
        var toSign = materials.Where(m => m.ProvidedOnline == OnlineProvision.Declaration).Select(m => $"《{m.Name}》").ToList();
        if (toSign.Count > 0 && request.Declared != true)
        {
            errors.Add(new Error("declaration.missing", $"该情形须由申请人在网上签署{string.Join("、", toSign)}：请在申请人签署后以 declared: true 提交。", "declared"));
        }

        var counts = new Dictionary<string, int>();
        foreach (var (file, content) in decoded)
        {
            if (materials.FirstOrDefault(m => m.Name == file.Material) is not { } material)
            {
                errors.Add(new Error("material.unknown", $"本情形没有“{file.Material}”这项材料。", CaseMaterials.FieldOf(file.Material ?? "")));
                continue;
            }

            counts[material.Name] = counts.GetValueOrDefault(material.Name) + 1;
            if (CaseMaterials.CheckUpload(material, file.FileName, content.Bytes, counts[material.Name] - 1) is { } problem)
            {
                errors.Add(problem);
            }
        }

        // A material the hall certifies itself is taken from the applicant's valid certificate
        // when the partner gave no file for it (两个免于提交), as on the hall's own pages.
        var today = ChinaDate.Today(clock);
        if (materials.Any(m => m.IssuedCertificate is not null && counts.GetValueOrDefault(m.Name) == 0))
        {
            // The agent's own verified account sees the case too (docs/partner-api.md): an
            // organisation's certificate goes into it only when that account acts for the
            // organisation in the hall, as on the pages.
            var organization = applicant!.OrganizationId;
            if (organization is { } org && applicant.AccountId is { } agent
                && !await Memberships.ActsForAsync(db, org, agent, cancellationToken))
            {
                organization = null;
            }

            var held = await HeldCertificates.OfAsync(
                db, applicant.Type == ApplicantType.Person ? applicant.AccountId : null, organization, today, cancellationToken);
            var exempt = materials.Select(m => (Material: m, Held: HeldCertificates.For(m, held, counts.GetValueOrDefault(m.Name) > 0)))
                .Where(x => x.Held is not null).Select(x => HeldCertificates.AsFile(x.Material, x.Held!)).ToList();
            if (exempt.Count > 0)
            {
                submission = submission with { Files = [.. submission.Files, .. exempt] };
            }
        }

        errors.AddRange(SubmitApplication.Check(published.Content, submission, today, out var answers));
        if (errors.Count > 0)
        {
            return Result<Submitted>.Fail(errors.DistinctBy(e => (e.Code, e.Field)).ToList());
        }

        // The bytes are durable before the case that names them is committed.
        foreach (var (_, content) in decoded)
        {
            await fileStore.PutAsync(content, cancellationToken);
        }

        return await submit.SubmitAsync(submission, published, cancellationToken, answers);
    }

    // The account whose verified ID number this is (see PerModel).
    private static readonly PerModel<Func<HallDbContext, string, CancellationToken, Task<Guid?>>> VerifiedPerson = new(() => EF.CompileAsyncQuery(
        (HallDbContext db, string index, CancellationToken cancellationToken) => db.Users.AsNoTracking()
            .Where(a => a.IdNumberIndex == index && a.IdNumberVerified && a.Kind == AccountKind.Person)
            .Select(a => (Guid?)a.Id).SingleOrDefault()));

    // One key per partner and Idempotency-Key, of fixed length whatever the two are.
    private static string KeyOf(string clientId, string idempotencyKey) =>
        "partner:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{clientId}\n{idempotencyKey}")));

    private async Task<ApplicantSnapshot?> ApplicantOfAsync(PartnerApplicant? given, List<Error> errors, CancellationToken cancellationToken)
    {
        if (given is null || given.Type is not { } type || !Enum.IsDefined(type))
        {
            errors.Add(new Error("applicant.invalid", "请给出申请人，并说明是个人还是单位。", "applicant"));
            return null;
        }

        if (string.IsNullOrWhiteSpace(given.Name) || given.Name.Length > 50)
        {
            errors.Add(new Error("applicant.invalid", "请填写申请人（或经办人）姓名，不超过 50 个字。", "applicant.name"));
        }

        var idNumber = IdNumber.Normalize(given.IdNumber);
        if (IdNumber.Problem(idNumber) is { } idProblem)
        {
            errors.Add(new Error("applicant.invalid", $"申请人身份证号码：{idProblem}", "applicant.idNumber"));
        }

        var phone = MobilePhone.Normalize(given.Phone);
        if (!MobilePhone.IsValid(phone))
        {
            errors.Add(new Error("applicant.invalid", "申请人手机号码应为 11 位手机号码。", "applicant.phone"));
        }

        if (type == ApplicantType.Organization)
        {
            if (string.IsNullOrWhiteSpace(given.OrganizationName) || given.OrganizationName.Length > 100)
            {
                errors.Add(new Error("applicant.invalid", "请填写单位名称，不超过 100 个字。", "applicant.organizationName"));
            }

            if (CreditCode.Check(given.CreditCode) != CodeCheck.Valid)
            {
                errors.Add(new Error("applicant.invalid", "单位的统一社会信用代码无效，请核对。", "applicant.creditCode"));
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var index = lookup.IdNumberIndex(idNumber);
        var accountId = await VerifiedPerson.For(db)(db, index, cancellationToken);
        if (type == ApplicantType.Person)
        {
            return new ApplicantSnapshot(type, given.Name!.Trim(), idNumber, null, null, phone, accountId, null);
        }

        var organizationId = await db.Organizations.AsNoTracking().Where(o => o.CreditCode == given.CreditCode)
            .Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken);
        return new ApplicantSnapshot(type, given.OrganizationName!.Trim(), idNumber, given.CreditCode, given.Name!.Trim(), phone, accountId, organizationId);
    }
}
