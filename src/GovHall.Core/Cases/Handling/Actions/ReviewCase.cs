using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// 审查: the reviewer's opinion; the case moves to the next step (up to the decision step).
public sealed record ReviewCase(int Revision) : CaseCommand(Revision)
{
    public override CaseAction Action => CaseAction.Review;

    protected override IEnumerable<Error> Problems(Case found, ItemContent content) => Requires("审查意见");

    public override Task<Result<string?>> ApplyAsync(CaseChange change, CancellationToken cancellationToken) =>
        Task.FromResult(Text(change.Found.Review(change.At), GivenReason));
}
