namespace GovHall.Core.Cases;

// 受理: the statutory clock starts; the case moves to the first review step and the applicant
// gets the 受理通知书 with the deadline.
public sealed record AcceptCase(int Revision) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.Accept;

    public override async Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken)
    {
        var moved = change.Found.Accept(change.At);
        if (moved.Succeeded)
        {
            await change.IssueAsync(DocumentKind.AcceptanceNotice, deadline: change.Found.Deadline, cancellationToken: cancellationToken);
        }

        return Text(moved, GivenReason);
    }
}
