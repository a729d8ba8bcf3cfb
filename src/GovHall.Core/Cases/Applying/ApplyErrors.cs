using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// Every expected failure of applying (drafts, materials, submission), built once each.
public static class ApplyErrors
{
    // The catalog's answer for an item one cannot apply for now, in the words of applying.
    public static Error Unavailable(Error found) => found.Kind == ErrorKind.Gone
        ? Error.Gone("item.offline", "该事项已暂停办理，不能提交申请。")
        : Error.NotFound("item.not_found", "没有找到该事项。");

    public static readonly Error KeyReused = Error.Conflict("idempotency.mismatch", "该幂等键已用于另一份不同内容的申请。");

    public static readonly Error NotOnline = new("item.not_online", "该事项不支持网上申请，请按办事指南到窗口办理。");

    public static Error ApplicantNotAllowed(ApplicantType type) => new("applicant.not_allowed", type == ApplicantType.Person
        ? "该事项只能由单位（法人）申请。"
        : "该事项只能由个人申请。");

    public static readonly Error SituationUnknown = new("situation.unknown", "请选择本事项的一种办理情形。", "situation");

    public static Error MaterialUnknown(string material) =>
        new("material.unknown", $"本情形没有“{material}”这项材料。", CaseMaterials.FieldOf(material));

    public static readonly Error DraftNotFound = Error.NotFound("draft.not_found", "没有找到该草稿，它可能已过期或已提交。");

    public static readonly Error DraftSubmitted = Error.Conflict("draft.submitted", "该申请已提交，不能再修改草稿。");

    public static readonly Error DraftChanged = Error.Conflict("draft.changed", "草稿刚在另一个窗口中保存过，请重新打开后再填写。");

    // The check page's declaration box, which every online application ticks.
    public static readonly Error DeclarationRequired = new("declaration.required", "请阅读并勾选承诺后再提交。", "declared");

    // A partner's application whose situation asks for declarations signed online.
    public static Error DeclarationMissing(IEnumerable<string> toSign) =>
        new("declaration.missing", $"该情形须由申请人在网上签署{string.Join("、", toSign.Select(m => $"《{m}》"))}：请在申请人签署后以 declared: true 提交。", "declared");
}
