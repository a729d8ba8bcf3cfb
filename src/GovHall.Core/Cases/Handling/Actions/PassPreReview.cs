namespace GovHall.Core.Cases;

// 预审通过: the window finds the application complete enough to accept later.
public sealed record PassPreReview(int Revision) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.PreReviewPass;

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken) =>
        Task.FromResult(Text(change.Found.PassPreReview(change.At), GivenReason));
}
