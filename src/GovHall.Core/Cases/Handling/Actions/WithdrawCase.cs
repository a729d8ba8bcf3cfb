namespace GovHall.Core.Cases;

// 申请人撤回: the applicant withdraws before the decision; the case ends.
public sealed record WithdrawCase(int Revision) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.Withdraw;

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken) =>
        Task.FromResult(Text(change.Found.Withdraw(change.At), GivenReason));
}
