using GovHall.Core.Accounts;

namespace GovHall.Core.Cases;

// Every expected failure of handling a case, built once each.
public static class CaseErrors
{
    public static readonly Error NotFound = Error.NotFound("case.not_found", "没有找到该办件。");

    public static readonly Error Changed = Error.Conflict("case.changed", "该办件刚刚已被他人处理，页面显示的是最新状态，请核对后再操作。");

    public static Error NotAllowed(CaseStage stage, CaseAction action) => Error.Conflict("case.action_not_allowed",
        $"办件当前为“{CaseStages.Label(stage)}”，不能进行“{CaseStages.Label(action)}”。");

    public static Error RoleNotAllowed(CaseAction action, string? role) => new("case.role_not_allowed",
        role is null ? $"你不能对该办件进行“{CaseStages.Label(action)}”。" : $"你的岗位不能进行“{CaseStages.Label(action)}”：该环节由“{Roles.Label(role)}”岗办理。")
    { Kind = ErrorKind.Forbidden };

    public static Error Required(string field, string what) => new($"case.{field}_required", $"请填写{what}。", field);

    public static readonly Error ReasonTooLong = new("case.reason_too_long", "理由不能超过 2000 字。", "reason");

    public static readonly Error LegalBasisTooLong = new("case.legal_basis_too_long", "法律依据不能超过 500 字。", "legalBasis");

    public static readonly Error TrackingNumberInvalid = new("case.tracking_number_required", "邮件号应为 6 到 30 位字母或数字。", "deliveryNote");
}
