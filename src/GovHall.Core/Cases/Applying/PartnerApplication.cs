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

// A case submitted by a partner system (the district hall) for an applicant it has identified,
// turned into one Submission for SubmitApplication: the key from the Idempotency-Key header,
// the applicant as given (the case joins a local account only when that account's ID number
// was verified, so nobody sees a case by registering someone else's ID number), the files as
// pending bytes. What the request itself gets wrong is said here; everything about the
// application is SubmitApplication's to say.
public sealed class PartnerApplication(HallDbContext db, AccountLookup lookup, SubmitApplication submit)
{
    public const int MaxKeyLength = 100;

    // keys: every Idempotency-Key header sent (two are no key: binding would join them).
    public async Task<Result<Submitted>> RunAsync(
        PartnerCaseRequest request, string clientId, string clientName, IReadOnlyList<string?> keys, CancellationToken cancellationToken)
    {
        var key = KeyOf(clientId, keys);
        if (!key.Succeeded)
        {
            return Result<Submitted>.Fail(key.Errors);
        }

        var errors = new ErrorList();
        var applicant = await ApplicantOfAsync(request.Applicant, errors, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.ItemCode))
        {
            errors.Add(new Error("item.missing", "请给出事项编码 itemCode。", "itemCode"));
        }

        var pending = new List<PendingFile>();
        foreach (var (file, index) in (request.Files ?? []).Select((f, i) => (f, i)))
        {
            if (file?.ContentBase64 is { } bytes)
            {
                pending.Add(new PendingFile(file.Material ?? "", file.FileName ?? "", HashedBytes.Of(bytes)));
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

        var submission = new Submission(request.ItemCode!, request.Situation ?? "", applicant!, request.Answers ?? [], [], CaseChannel.Partner, key.Value!, clientName, clientId)
        {
            Pending = pending,
            Declared = request.Declared == true,
        };
        return await submit.RunAsync(submission, cancellationToken);
    }

    // One key per partner and Idempotency-Key, of fixed length whatever the two are.
    private static Result<string> KeyOf(string clientId, IReadOnlyList<string?> keys)
    {
        if (keys.Count > 1)
        {
            return new Error("idempotency.key_missing", "请只给出一个 Idempotency-Key 请求头。");
        }

        var given = keys.Count == 1 ? keys[0] : null;
        if (string.IsNullOrWhiteSpace(given) || given.Length > MaxKeyLength || given.Any(char.IsControl))
        {
            return new Error("idempotency.key_missing", $"请在 Idempotency-Key 请求头中给出本次提交的唯一键（1 至 {MaxKeyLength} 个字符）。");
        }

        return "partner:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{clientId}\n{given}")));
    }

    // The account whose verified ID number this is (see PerModel).
    private static readonly PerModel<Func<HallDbContext, string, CancellationToken, Task<Guid?>>> VerifiedPerson = new(() => EF.CompileAsyncQuery(
        (HallDbContext db, string index, CancellationToken cancellationToken) => db.Users.AsNoTracking()
            .Where(a => a.IdNumberIndex == index && a.IdNumberVerified && a.Kind == AccountKind.Person)
            .Select(a => (Guid?)a.Id).SingleOrDefault()));

    private async Task<ApplicantSnapshot?> ApplicantOfAsync(PartnerApplicant? given, ErrorList errors, CancellationToken cancellationToken)
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
