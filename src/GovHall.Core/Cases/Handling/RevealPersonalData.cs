using System.Text.Json.Nodes;
using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// A member of staff who needs it (a clerk mailing a certificate needs the address) opens one
// masked field of one case whole, with a reason. Only the roles that handle cases may, only on
// a case their department serves, at most CasesSettings.RevealsPerHour an hour; each reveal is
// a row the person sees (数据使用记录) and an audit entry. Nothing is revealed on any refusal.
public sealed class RevealPersonalData(HallDbContext db, PersonalData personal, CasesSettings settings, TimeProvider clock)
{
    public const string IdNumberField = "idNumber";
    public const string PhoneField = "phone";
    public const string AnswerPrefix = "answer:";

    private static readonly string[] RevealingRoles = [Roles.WindowClerk, Roles.Reviewer, Roles.Approver];

    public sealed record Request(string? Field, RevealReason? Reason, string? ReasonText);

    public sealed record Revealed(string Field, string Label, string Value, PersonalDataReveal Record);

    public static readonly Error BadReason = new("reveal.reason", "请选择查看完整信息的原因；选择“其他”时，请写明原因（200 字以内）。", "Reason");
    public static readonly Error NoSuchField = Error.NotFound("reveal.field", "这个办件没有可查看的该项信息。");
    public static readonly Error RoleRefused = new("reveal.role", "你的岗位不能查看完整的个人信息；只有窗口受理、审核、审批岗可以查看所办理办件的完整信息。") { Kind = ErrorKind.Forbidden };

    public Error TooMany => Error.TooMany("reveal.rate_limited", $"你一小时内已查看 {settings.RevealsPerHour} 项完整信息，已达上限，请稍后再试；确有需要的，请联系科室负责人。");

    public async Task<Result<Revealed>> RunAsync(CaseActor actor, string? codeText, Request request, CancellationToken cancellationToken)
    {
        var text = request.ReasonText?.Trim();
        if (request.Reason is not { } reason || !Enum.IsDefined(reason) || (reason == RevealReason.Other && text is not { Length: >= 2 and <= 200 }) || text is { Length: > 200 })
        {
            return BadReason;
        }

        if (!TrackingCode.TryParse(codeText, out var code)
            || await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.TrackingCode == code.Value, cancellationToken) is not { } found
            || !(CaseWorkflow.Serves(actor, found, settings.ApprovalOffice) || actor.Roles.Contains(Roles.Supervisor)))
        {
            return CaseErrors.NotFound;
        }

        var role = found.StepRole is { } step && actor.Roles.Contains(step) && RevealingRoles.Contains(step)
            ? step
            : RevealingRoles.FirstOrDefault(actor.Roles.Contains);
        if (actor.IsApplicant || role is null || !CaseWorkflow.Serves(actor, found, settings.ApprovalOffice))
        {
            return RoleRefused;
        }

        if (await ValueOfAsync(found, request.Field, cancellationToken) is not { } shown)
        {
            return NoSuchField;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        if (await db.PersonalDataReveals.CountAsync(r => r.StaffAccountId == actor.AccountId && r.At > hourAgo, cancellationToken) >= settings.RevealsPerHour)
        {
            return TooMany;
        }

        var record = new PersonalDataReveal
        {
            CaseId = found.Id, AccountId = found.AccountId, Field = request.Field!, FieldLabel = shown.Label, Reason = reason,
            ReasonText = reason == RevealReason.Other ? text : null, StaffAccountId = actor.AccountId, StaffName = actor.Name,
            Department = actor.Department, Role = Roles.Label(role), At = now,
        };
        db.PersonalDataReveals.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return new Revealed(request.Field!, shown.Label, shown.Value, record);
    }

    // The fields of a case that are shown masked, with their labels: the applicant's ID
    // number, the contact phone, and the form's ID-number, phone and address answers.
    public async Task<(string Label, string Value)?> ValueOfAsync(Case found, string? field, CancellationToken cancellationToken)
    {
        switch (field)
        {
            case IdNumberField:
                return found.ApplicantIdNumberProtected is { } id ? ("身份证号", personal.Unprotect(id)) : null;
            case PhoneField:
                return ("联系电话", personal.Unprotect(found.ContactPhoneProtected));
            case { Length: > 7 and <= 80 } answer when answer.StartsWith(AnswerPrefix, StringComparison.Ordinal):
                var key = answer[AnswerPrefix.Length..];
                var content = await ItemQueries.ContentOfAsync(db, found.ItemId, found.ItemVersion, cancellationToken);
                var formField = content.Form.Fields.FirstOrDefault(f => f.Key == key && IsPersonal(f.Kind));
                var answers = JsonNode.Parse(personal.Unprotect(found.AnswersProtected)) as JsonObject;
                return formField is not null && answers?[key] is JsonValue value && value.ToString() is { Length: > 0 } whole
                    ? (formField.Label, whole)
                    : null;
            default:
                return null;
        }
    }

    public static bool IsPersonal(FieldKind kind) => kind is FieldKind.IdNumber or FieldKind.Phone or FieldKind.Address;
}
