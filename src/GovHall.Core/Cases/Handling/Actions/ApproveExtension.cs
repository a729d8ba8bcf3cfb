namespace GovHall.Core.Cases;

// 批准延长办理时限: the statutory deadline moves by the days asked for; the applicant gets the
// 延期通知书 with the reason given when they were asked for.
public sealed record ApproveExtension(int Revision) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.Extend;

    public override async Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken)
    {
        var found = change.Found;
        var moved = found.Extend(change.At);
        if (!moved.Succeeded)
        {
            return Result<string?>.Fail(moved.Errors);
        }

        var requested = await change.Office.RequestedExtensionReasonAsync(found, cancellationToken);
        await change.IssueAsync(DocumentKind.ExtensionNotice, requested, deadline: found.Deadline, extensionDays: found.ExtensionDays, cancellationToken: cancellationToken);
        return GivenReason ?? $"批准延长 {found.ExtensionDays} 日";
    }
}
