namespace GovHall.Core.Cases;

// 恢复办理: the special procedure is over; the deadlines move by the time it took.
public sealed record ResumeCase(int Revision) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.Resume;

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken) =>
        Task.FromResult(Text(change.Found.Resume(change.At), GivenReason));
}
